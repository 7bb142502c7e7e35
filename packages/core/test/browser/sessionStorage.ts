import { describe, expect } from "vitest";
import { loaded, start, type Env, type Scenario } from "./harness.ts";

export function sessionStorageScenarios(scenario: Scenario) {
  describe(`per-tab sessions (sessionStorage)`, () => {
    scenario("a reload keeps the ID and is not counted as a duplicate", async (env) => {
      const profile = await env.profile();
      const tab = await env.tab(profile);
      const id = await start(tab, "session");
      await tab.reload();
      await loaded(tab);
      expect(await start(tab, "session")).toBe(id);
      // Proof the handshake is live in the reloaded page: a duplicate of it is told apart and moves.
      const duplicate = await tab.openFromPage();
      await loaded(duplicate);
      await start(duplicate, "session");
      await duplicate.waitFor((id) => window.tab.session.get() != id, id);
      expect(await tab.evaluate(() => [window.tab.session.get(), window.tab.duplicates.length])).toEqual([id, 0]);
    });

    scenario("a second tab gets another ID", async (env) => {
      const profile = await env.profile();
      const first = await start(await env.tab(profile), "session");
      const second = await start(await env.tab(profile), "session");
      expect(second).not.toBe(first);
    });

    scenario("a duplicated tab (window.open copies sessionStorage) moves to a new ID and tells onDuplicate; the opener keeps its ID", async (env) => {
      const profile = await env.profile();
      const opener = await env.tab(profile);
      const original = await start(opener, "session");
      const duplicate = await opener.openFromPage();
      await loaded(duplicate);
      expect(await duplicate.evaluate(() => sessionStorage.getItem("sessionid"))).toBe(`${original}.0`);
      await start(duplicate, "session");
      await duplicate.waitFor((original) => window.tab.session.get() != original, original);
      const moved = await duplicate.evaluate(() => ({ id: window.tab.session.get(), duplicates: window.tab.duplicates }));
      expect(moved.duplicates).toEqual([{ next: moved.id, previous: original }]);
      expect(await duplicate.evaluate(() => sessionStorage.getItem("sessionid"))).toBe(`${moved.id}.1`);
      expect(await opener.evaluate(() => window.tab.session.get())).toBe(original);
      expect(await opener.uncaught()).toEqual([]);
    });
  });
}
