// Session lifetime in real browsers, every engine: an expiry rotates once for the browser (under
// the real Web Lock), activity in one tab keeps the session alive in another, and a page
// restored from the real back/forward cache after expiry moves on at once. Time is the page's
// own: each tab's Date.now() and performance.now() are moved forward by the test (as a machine
// that slept moves them), every tab of a profile by the same amount (they share one clock in a
// real browser), so nothing depends on how fast this machine runs.
import { describe, expect } from "vitest";
import type { Session } from "../../src/index.ts";
import type { Scenario, Tab } from "./harness.ts";

interface LifetimeTab {
  session: Session;
  errors: string[];
  /** Every onExpire call this tab made: the expired ID. */
  expired: string[];
  /** Moves this page's clocks (wall and monotonic) forward. */
  advance(ms: number): void;
  /** Moves them forward when the page is next shown from the back/forward cache. */
  advanceOnRestore: number;
}
declare global {
  interface Window {
    life: LifetimeTab;
  }
}

const idleTimeout = 60_000;

/** Starts a localStorage session with a one-minute idle timeout on a clock the test moves. */
const begin = (tab: Tab) =>
  tab.evaluate(async (idleTimeout) => {
    let offset = 0;
    const wall = Date.now.bind(Date);
    const mono = performance.now.bind(performance);
    Date.now = () => wall() + offset;
    performance.now = () => mono() + offset;
    const life = { errors: [], expired: [], advanceOnRestore: 0 } as unknown as LifetimeTab;
    life.advance = (ms) => void (offset += ms);
    // Before the session's own pageshow listener, so its check sees the moved clock.
    addEventListener("pageshow", (event) => event.persisted && life.advance(life.advanceOnRestore));
    window.life = life;
    const { createSession, localStorageBackend, sessionLifetime } = window.sessionid;
    life.session = createSession({
      storage: localStorageBackend(),
      onError: (error) => life.errors.push(error.code),
      lifetime: sessionLifetime({ idleTimeout, activityInterval: 1, onExpire: (expired) => void life.expired.push(expired) }),
    });
    const id = await life.session.ready();
    life.session.subscribe(() => {});
    return id as string;
  }, idleTimeout);

const advance = (tab: Tab, ms: number) => tab.evaluate((ms) => window.life.advance(ms), ms);
/** What a helper would send now (the lifetime's check, then the ID). */
const forRequest = (tab: Tab) => tab.evaluate(() => window.life.session.forRequest!() as Promise<string>);
const expiredIn = (tab: Tab) => tab.evaluate(() => window.life.expired);
/** Polls until `tab`'s session shows `id`. */
const shows = (tab: Tab, id: string) => tab.waitFor((id) => window.life.session.get() == id, id);

export function lifetimeScenarios(scenario: Scenario) {
  describe("session lifetime (localStorage)", () => {
    scenario("an expiry rotates once for the browser: three tabs find it at once, one onExpire call, one new ID everywhere", async (env) => {
      const profile = await env.profile();
      const tabs = [await env.tab(profile), await env.tab(profile), await env.tab(profile)];
      const first = await begin(tabs[0]!);
      for (const tab of tabs.slice(1)) expect(await begin(tab)).toBe(first);
      await Promise.all(tabs.map((tab) => advance(tab, idleTimeout + 1000)));
      const sent = await Promise.all(tabs.map(forRequest));
      expect(new Set(sent).size).toBe(1);
      expect(sent[0]).not.toBe(first);
      const calls = (await Promise.all(tabs.map(expiredIn))).flat();
      expect(calls).toEqual([first]);
      for (const tab of tabs) expect(await tab.evaluate(() => window.life.errors)).toEqual([]);
    });

    scenario("activity in one tab keeps the session alive in the other; it ends idleTimeout after the last", async (env) => {
      const profile = await env.profile();
      const [a, b] = [await env.tab(profile), await env.tab(profile)];
      const first = await begin(a);
      expect(await begin(b)).toBe(first);
      for (let step = 0; step < 4; step++) {
        await Promise.all([advance(a, idleTimeout / 2), advance(b, idleTimeout / 2)]);
        await a.evaluate(() => window.life.session.touch!());
      }
      // B reads what A wrote last before it checks: each step moves the clocks 30 s in a few
      // milliseconds, so a write still on its way between the two renderers (localStorage
      // reaches another process later, more so on a loaded machine: seen in CI) would look a
      // minute old, where in real time it is a moment.
      const record = await a.evaluate(() => localStorage.getItem("sessionid:lifetime"));
      await b.waitFor((record) => localStorage.getItem("sessionid:lifetime") == record, record);
      // Two idle timeouts since B last did anything; A was active a moment ago.
      expect(await forRequest(b)).toBe(first);
      await Promise.all([advance(a, idleTimeout + 1000), advance(b, idleTimeout + 1000)]);
      const next = await forRequest(b);
      expect(next).not.toBe(first);
      await shows(a, next);
    });

    scenario("a tab whose timers could not run past the idle timeout (blocked, as a frozen or throttled tab is) rotates as soon as it runs again", async (env) => {
      // Real time here, not the moved clock: the page is kept from running for longer than the
      // timeout, so its timer fires late, as after a freeze. (chaos.test.ts freezes one for real in Chromium.)
      const profile = await env.profile();
      const tab = await env.tab(profile);
      const idle = 5000;
      // Made and blocked in one evaluate, so no round trip lets the timeout pass before the block.
      const { first, unblockedAt } = await tab.evaluate(async (idle) => {
        const { createSession, localStorageBackend, sessionLifetime } = window.sessionid;
        const session = createSession({ storage: localStorageBackend(), key: "blocked", lifetime: sessionLifetime({ idleTimeout: idle }) });
        const log: number[] = [];
        (window as unknown as { rotations: number[] }).rotations = log;
        session.subscribe(() => log.push(performance.now()));
        (window as unknown as { blocked: Session }).blocked = session;
        const first = (await session.ready()) as string;
        const until = performance.now() + idle + 1000;
        while (performance.now() < until);
        return { first, unblockedAt: performance.now() };
      }, idle);
      await tab.waitFor(() => (window as unknown as { rotations: number[] }).rotations.length > 0);
      const [rotatedAt] = await tab.evaluate(() => (window as unknown as { rotations: number[] }).rotations);
      expect(rotatedAt).toBeGreaterThanOrEqual(unblockedAt);
      expect(await tab.evaluate(() => (window as unknown as { blocked: Session }).blocked.get())).not.toBe(first);
    });

    scenario("a page restored from the back/forward cache after the session expired moves on at once", async (env) => {
      const profile = await env.profile();
      const [tab, other] = [await env.tab(profile), await env.tab(profile)];
      const first = await begin(tab);
      expect(await begin(other)).toBe(first);
      await tab.evaluate((ms) => {
        window.life.advanceOnRestore = ms;
        addEventListener("pageshow", (event) => ((window as unknown as { restored: boolean }).restored = event.persisted));
      }, idleTimeout + 1000);
      await tab.goto(env.urls.http + "?away");
      // The tabs of a browser share one clock: the other tab's moves on as well (it makes no call).
      await advance(other, idleTimeout + 1000);
      await tab.back();
      await tab.waitFor(() => (window as unknown as { restored?: boolean }).restored === true);
      // No call was made: the restore itself found the session expired and rotated it.
      await tab.waitFor((first) => window.life.session.get() != first, first);
      const next = await tab.evaluate(() => window.life.session.get()!);
      expect(await expiredIn(tab)).toEqual([first]);
      await shows(other, next);
      expect(await expiredIn(other)).toEqual([]);
    });
  });
}
