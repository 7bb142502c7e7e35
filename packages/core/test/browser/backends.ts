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
      await env.expect.poll(async () => (await sessionCookie(tab))?.value).toBe(`${id}.1`);
      const cookie = (await sessionCookie(tab))!;
      expect(cookie).toMatchObject({ path: "/", sameSite: "Lax", secure: false, httpOnly: false });
      const days = (cookie.expires * 1000 - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(364);
      expect(days).toBeLessThanOrEqual(366);
    });

    scenario("on https: Secure by default", async (env) => {
      const tab = await env.tab(await env.profile(), { secure: true });
      const id = await start(tab, "cookie");
      await env.expect.poll(async () => (await sessionCookie(tab))?.value).toBe(`${id}.1`);
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
