import { afterEach, describe, expect, it } from "vitest";
import { start, useChromium } from "./chromium.ts";

const chromium = useChromium();
afterEach(chromium.closeContexts);

describe("real IndexedDB", () => {
  it("keeps the ID across a reload", async () => {
    const page = await chromium.tab(await chromium.context());
    const id = await start(page, "indexeddb");
    await page.reload();
    await page.waitForFunction(() => !!window.sessionid);
    expect(await start(page, "indexeddb")).toBe(id);
  });

  it("two tabs opening at once end with one ID (get-or-create in one transaction)", async () => {
    const context = await chromium.context();
    const tabs = await Promise.all([chromium.tab(context), chromium.tab(context), chromium.tab(context)]);
    const ids = await Promise.all(tabs.map((tab) => start(tab, "indexeddb")));
    expect(new Set(ids).size).toBe(1);
  });

  it("an open that hangs falls back to memory after the timeout and reports it", async () => {
    const page = await chromium.tab(await chromium.context());
    const result = await page.evaluate(async () => {
      const { createSession, indexedDBBackend } = window.sessionid;
      IDBFactory.prototype.open = () => ({}) as IDBOpenDBRequest; // never fires
      const codes: string[] = [];
      const session = createSession({
        storage: indexedDBBackend({ dbName: "hangs" }),
        storageTimeout: 100,
        onError: (error) => codes.push(error.code),
      });
      const id = await session.ready();
      return { id, codes };
    });
    expect(result.id).toMatch(/^[\w-]{21}$/);
    expect(result.codes).toEqual(["storage-timeout"]);
  });
});

describe("real cookies", () => {
  const sessionCookie = async (context: import("playwright-core").BrowserContext) =>
    (await context.cookies()).find((cookie) => cookie.name == "sessionid")!;

  it("on http: SameSite=Lax, Path=/, not Secure, expiring in about a year; the value is the ID and its generation", async () => {
    const context = await chromium.context();
    const id = await start(await chromium.tab(context), "cookie");
    const cookie = await sessionCookie(context);
    expect(cookie).toMatchObject({ value: `${id}.0`, path: "/", sameSite: "Lax", secure: false, httpOnly: false });
    const days = (cookie.expires * 1000 - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThanOrEqual(366);
  });

  it("on https: Secure by default", async () => {
    const context = await chromium.context(true);
    const id = await start(await chromium.tab(context, true), "cookie");
    expect(await sessionCookie(context)).toMatchObject({ value: `${id}.0`, secure: true, sameSite: "Lax" });
  });

  it("the options reach the browser: path, sameSite, maxAge", async () => {
    const context = await chromium.context();
    const page = await chromium.tab(context);
    await page.evaluate(() => {
      const { createSession, cookieBackend } = window.sessionid;
      createSession({ storage: cookieBackend({ path: "/fixture.html", sameSite: "strict", maxAge: 3600 }) }).get();
    });
    const cookie = await sessionCookie(context);
    expect(cookie).toMatchObject({ path: "/fixture.html", sameSite: "Strict" });
    const minutes = (cookie.expires * 1000 - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(58);
    expect(minutes).toBeLessThanOrEqual(61);
  });

  it("remove deletes the cookie it set (same path and domain)", async () => {
    const context = await chromium.context();
    const page = await chromium.tab(context);
    await start(page, "cookie");
    // A live session would write its ID back after a removal (see the cross-tab tests): stop it.
    await page.evaluate(() => window.tab.session.dispose());
    expect(await sessionCookie(context)).toBeDefined();
    await page.evaluate(() => window.sessionid.cookieBackend().remove("sessionid"));
    expect(await sessionCookie(context)).toBeUndefined();
  });
});
