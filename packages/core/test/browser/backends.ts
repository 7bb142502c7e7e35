import { describe, expect } from "vitest";
import { loaded, start, type Env, type Scenario, type Tab } from "./harness.ts";

const sessionCookie = async (tab: Tab) => (await tab.cookies()).find((cookie) => cookie.name == "sessionid");

export function backendScenarios(scenario: Scenario) {
  describe(`real IndexedDB`, () => {
    scenario("keeps the ID across a reload", async (env) => {
      const tab = await env.tab(await env.profile());
      const id = await start(tab, "indexeddb");
      await tab.reload();
      await loaded(tab);
      expect(await start(tab, "indexeddb")).toBe(id);
    });

    scenario("two tabs opening at once end with one ID (get-or-create in one transaction)", async (env) => {
      const profile = await env.profile();
      const tabs = await Promise.all([env.tab(profile), env.tab(profile), env.tab(profile)]);
      const ids = await Promise.all(tabs.map((tab) => start(tab, "indexeddb")));
      expect(new Set(ids).size).toBe(1);
    });

    scenario("an open that hangs falls back to memory after the timeout and reports it", async (env) => {
      const tab = await env.tab(await env.profile());
      const result = await tab.evaluate(async () => {
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

  describe(`real cookies`, () => {
    scenario("on http: SameSite=Lax, Path=/, not Secure, expiring in about a year; the value is the ID and its generation", async (env) => {
      const tab = await env.tab(await env.profile());
      const id = await start(tab, "cookie");
      // Generation 1: right after start the new ID (generation 0) is promoted under the lock.
      await env.expect.poll(async () => (await sessionCookie(tab))?.value, { timeout: 20_000 }).toBe(`${id}.1`);
      const cookie = (await sessionCookie(tab))!;
      expect(cookie).toMatchObject({ path: "/", sameSite: "Lax", secure: false, httpOnly: false });
      const days = (cookie.expires * 1000 - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(364);
      expect(days).toBeLessThanOrEqual(366);
    });

    scenario("on https: Secure by default", async (env) => {
      const tab = await env.tab(await env.profile(), { secure: true });
      const id = await start(tab, "cookie");
      await env.expect.poll(async () => (await sessionCookie(tab))?.value, { timeout: 20_000 }).toBe(`${id}.1`);
      expect(await sessionCookie(tab)).toMatchObject({ secure: true, sameSite: "Lax" });
    });

    scenario("the options reach the browser: path, sameSite, maxAge", async (env) => {
      const tab = await env.tab(await env.profile());
      await tab.evaluate(() => {
        const { createSession, cookieBackend } = window.sessionid;
        createSession({ storage: cookieBackend({ path: "/fixture.html", sameSite: "strict", maxAge: 3600 }) }).get();
      });
      const cookie = (await sessionCookie(tab))!;
      expect(cookie).toMatchObject({ path: "/fixture.html", sameSite: "Strict" });
      const minutes = (cookie.expires * 1000 - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(58);
      expect(minutes).toBeLessThanOrEqual(61);
    });

    scenario("a cookie of its name that the page cannot see (HttpOnly, the server's) is reported as storage-write where the page can tell (not in WebKit), and left alone", async (env) => {
      const tab = await env.tab(await env.profile());
      // Django's session cookie is called sessionid too, HttpOnly, with a key that looks like an ID.
      const django = "k3v9x0q2m8w7e5r4t6y1u0i9o8p7a6s5";
      await tab.evaluate((django) => fetch(`/http-only-cookie?sessionid=${django}`).then(() => {}), django);
      expect(await sessionCookie(tab)).toMatchObject({ value: django, httpOnly: true });
      const result = await tab.evaluate(async () => {
        const { createSession, cookieBackend } = window.sessionid;
        const errors: { code: string; cause: string }[] = [];
        const session = createSession({ storage: cookieBackend(), onError: (error) => errors.push({ code: error.code, cause: String(error.cause) }) });
        const id = await session.ready();
        return { id, errors, cookie: document.cookie };
      });
      expect(result.id).toMatch(/^[\w-]{21}$/);
      if (env.name == "webkit") {
        // WebKit shows the page its own write (its web process keeps a copy of the cookies)
        // though its cookie store refused it: nothing the page can read tells, so nothing is
        // reported, and the next load starts afresh. Checked, so a WebKit that changes is noticed.
        expect(result.errors).toEqual([]);
        expect(result.cookie).toContain(`sessionid=${result.id}.`);
      } else {
        expect(result.errors.map((error) => error.code)).toEqual(["storage-write"]);
        expect(result.errors[0]!.cause).toMatch(/HttpOnly/);
        expect(result.cookie).toBe("");
      }
      // The server's cookie is untouched, and the only one of the name.
      expect((await tab.cookies()).filter((cookie) => cookie.name == "sessionid")).toEqual([
        expect.objectContaining({ value: django, httpOnly: true }),
      ]);
    });

    scenario("remove deletes the cookie it set (same path and domain)", async (env) => {
      const tab = await env.tab(await env.profile());
      await start(tab, "cookie");
      // A live session would write its ID back after a removal (see the cross-tab tests): stop it.
      await tab.evaluate(() => window.tab.session.dispose());
      expect(await sessionCookie(tab)).toBeDefined();
      await tab.evaluate(() => window.sessionid.cookieBackend().remove("sessionid"));
      expect(await sessionCookie(tab)).toBeUndefined();
    });
  });
}
