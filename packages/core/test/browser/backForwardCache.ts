import { describe, expect } from "vitest";
import { loaded, shows, start, type Env, type Scenario, type Tab } from "./harness.ts";

/** Tab `tab` goes away and comes back with Back, while tab `other` rotates the session. */
const rotateWhileAway = async (env: Env, tab: Tab, other: Tab) => {
  await tab.evaluate(() => {
    window.addEventListener("pageshow", (event) => ((window as unknown as { restored: boolean }).restored = event.persisted));
  });
  await tab.goto(env.urls.http + "?away");
  const next = await other.evaluate(() => window.tab.session.refresh() as Promise<string>);
  // history.back() in the page; answers once the entry is shown (restored, or loaded again).
  await tab.back();
  return next;
};

export function backForwardCacheScenarios(scenario: Scenario) {
  describe(`the real back/forward cache`, () => {
    scenario("a localStorage page restored from the cache shows the rotation another tab made while it was frozen", async (env) => {
      const profile = await env.profile();
      const [tab, other] = [await env.tab(profile), await env.tab(profile)];
      const id = await start(tab, "local");
      expect(await start(other, "local")).toBe(id);
      const next = await rotateWhileAway(env, tab, other);
      // Restored, not reloaded: the page's own state survived, and pageshow said so.
      await tab.waitFor(() => (window as unknown as { restored?: boolean }).restored === true);
      await shows(tab, next);
    });

    scenario("a cookie page that went back ends on the rotation another tab made meanwhile", async (env) => {
      const profile = await env.profile();
      const [tab, other] = [await env.tab(profile), await env.tab(profile)];
      const id = await start(tab, "cookie");
      expect(await start(other, "cookie")).toBe(id);
      const next = await rotateWhileAway(env, tab, other);
      // Chromium drops a cached page that a BroadcastChannel message reached, so there this one
      // loads afresh; other engines may restore it. Either way it must end on the rotation, not
      // stay on the old ID. A restored page can show the old ID for a moment, until the other
      // tab's news reaches it (cookieStore's change event, the channel): once, under a full CI
      // load, WebKit showed another ID right after going back (not reproduced since, alone or
      // under CPU load), so this waits for the rotation and says what the page showed first.
      await loaded(tab);
      const first = await tab.evaluate(() => {
        const page = window as unknown as { restored?: boolean; shown?: { get(): string | undefined } };
        page.shown = window.tab ? window.tab.session : window.sessionid.createSession({ storage: window.sessionid.cookieBackend() });
        return { restored: page.restored, id: page.shown.get() };
      });
      await tab
        .waitFor((next) => (window as unknown as { shown: { get(): string | undefined } }).shown.get() == next, next, { timeout: 20_000 })
        .catch((error: unknown) => {
          const what = `${first.restored ? "restored" : "loaded"}, on ${first.id == next ? "the rotation" : "another ID"}`;
          throw new Error(`never ended on the rotation; right after going back it was ${what}`, { cause: error });
        });
    });
  });
}
