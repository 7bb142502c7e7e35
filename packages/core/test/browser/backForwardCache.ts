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
      // loads afresh; other engines may restore it. Either way it must not come back on the old ID.
      await loaded(tab);
      const shown = () =>
        tab.evaluate(() =>
          window.tab ? window.tab.session.get() : window.sessionid.createSession({ storage: window.sessionid.cookieBackend() }).get(),
        );
      expect(await shown()).toBe(next);
    });
  });
}
