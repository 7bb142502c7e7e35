import { describe, expect } from "vitest";
import { loaded, openCopy, start, type Env, type Scenario, type Tab } from "./harness.ts";

// What the opener's and the copy's open flags held when the copy loaded: a copy that does not move
// says which side lacked the flag (see openCopy).
const openFlags = async (opener: Tab, copy: Tab) => {
  const read = () => ({ flag: sessionStorage.getItem("sessionid:open"), me: String(performance.timeOrigin) });
  return { opener: await opener.evaluate(read), copy: await copy.evaluate(read) };
};

const movesOff = async (copy: Tab, id: string, flags: Awaited<ReturnType<typeof openFlags>>) => {
  try {
    await copy.waitFor((id) => window.tab.session.get() != id, id);
  } catch (error) {
    throw new Error(`the copy kept its opener's ID; open flags when it loaded: ${JSON.stringify(flags)}`, { cause: error });
  }
};

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
      const duplicate = await openCopy(tab);
      await loaded(duplicate);
      const flags = await openFlags(tab, duplicate);
      await start(duplicate, "session");
      await movesOff(duplicate, id, flags);
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
      const duplicate = await openCopy(opener);
      await loaded(duplicate);
      expect(await duplicate.evaluate(() => sessionStorage.getItem("sessionid"))).toBe(`${original}.0`);
      const flags = await openFlags(opener, duplicate);
      await start(duplicate, "session");
      await movesOff(duplicate, original, flags);
      const moved = await duplicate.evaluate(() => ({ id: window.tab.session.get(), duplicates: window.tab.duplicates }));
      expect(moved.duplicates).toEqual([{ next: moved.id, previous: original }]);
      expect(await duplicate.evaluate(() => sessionStorage.getItem("sessionid"))).toBe(`${moved.id}.1`);
      expect(await opener.evaluate(() => window.tab.session.get())).toBe(original);
      expect(await opener.uncaught()).toEqual([]);
    });
  });
}
