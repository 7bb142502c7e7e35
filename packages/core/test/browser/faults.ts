import { describe, expect } from "vitest";
import { start, type Env, type Scenario } from "./harness.ts";

export function faultScenarios(scenario: Scenario) {
  describe(`faults in a real page`, () => {
    for (const storage of ["session", "local"] as const)
      scenario(
        `${storage}Storage whose setItem throws keeps the app working with a stable ID, reports through onError, and raises nothing uncaught`,
        async (env) => {
        const tab = await env.tab(await env.profile());
        await tab.evaluate(() => {
          Storage.prototype.setItem = () => {
            throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
          };
        });
        const id = await start(tab, storage);
        const next = await tab.evaluate(() => window.tab.session.refresh() as Promise<string>);
        const state = await tab.evaluate(() => ({
          id: window.tab.session.get(),
          codes: window.tab.errors.map((error) => error.code),
          messages: window.tab.errors.map((error) => `${error.message} ${error.stack}`).join(" "),
        }));
        expect(id).toMatch(/^[\w-]{21}$/);
        expect(state.id).toBe(next);
        expect(state.codes).toEqual(["storage-write"]);
        expect(state.messages).not.toContain(id);
        expect(state.messages).not.toContain(next);
        expect(await tab.uncaught()).toEqual([]);
      },
    );

    scenario("storage that throws SecurityError on access (blocked storage) falls back to memory", async (env) => {
      // fixture.html makes window.localStorage throw before the core loads.
      const tab = await env.tab(await env.profile(), { fault: "blocked-localstorage" });
      const id = await start(tab, "local");
      expect(id).toMatch(/^[\w-]{21}$/);
      expect(await tab.evaluate(() => window.tab.errors.map((error) => [error.code, (error.cause as Error).name]))).toEqual([
        ["storage-unavailable", "SecurityError"],
      ]);
      expect(await tab.uncaught()).toEqual([]);
    });

    scenario("generates IDs with crypto.randomUUID removed (as on plain-http LAN origins)", async (env) => {
      // fixture.html removes crypto.randomUUID before the core loads.
      const tab = await env.tab(await env.profile(), { fault: "no-randomuuid" });
      expect(await tab.evaluate(() => typeof crypto.randomUUID)).toBe("undefined");
      const id = await start(tab, "session");
      expect(id).toMatch(/^[\w-]{21}$/);
      expect(await tab.evaluate(() => window.tab.session.refresh())).toMatch(/^[\w-]{21}$/);
    });
  });
}
