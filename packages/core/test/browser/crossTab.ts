import { describe, expect } from "vitest";
import { shows, start, type Env, type Scenario, type Tab } from "./harness.ts";

/** Refresh in the page; the callback (held open a while, like a server call) logs what it saw. */
const refresh = (tab: Tab, hold = 50) =>
  tab.evaluate(
    (hold) =>
      window.tab.session.refresh(async (next, previous) => {
        await new Promise((resolve) => setTimeout(resolve, hold));
        window.tab.callbacks.push({ next, previous });
      }) as Promise<string>,
    hold,
  );

type Run = { next: string; previous: string };
const callbacks = (tab: Tab) => tab.evaluate(() => window.tab.callbacks) as Promise<Run[]>;

/**
 * The runs in commit order, found by following previous → next from the first ID. Callbacks that
 * overlapped would share a previous ID, and the chain would break.
 */
const chainFrom = (first: string, runs: Run[]) => {
  const chain: Run[] = [];
  for (let id = first, run; (run = runs.find((candidate) => candidate.previous == id)); id = run.next) chain.push(run);
  return chain;
};
const current = (tab: Tab) => tab.evaluate(() => window.tab.session.get());

export function crossTabScenarios(scenario: Scenario) {
  describe.each(["local", "indexeddb", "cookie"] as const)(`browser-wide sessions (%s)`, (storage) => {
    /** What the backend holds under the key, read in `tab`: `<id>.<generation>`, or null. */
    const stored = (tab: Tab) =>
      tab.evaluate(async (storage) => {
        const { indexedDBBackend, cookieBackend } = window.sessionid;
        return storage == "local"
          ? localStorage.getItem("sessionid")
          : ((await (storage == "cookie" ? cookieBackend() : indexedDBBackend()).get("sessionid")) ?? null);
      }, storage);

    scenario("two tabs share one ID", async (env) => {
      const profile = await env.profile();
      const a = await start(await env.tab(profile), storage);
      const b = await start(await env.tab(profile), storage);
      expect(b).toBe(a);
    });

    scenario("a refresh in tab A reaches tab B's get() and subscribers", async (env) => {
      const profile = await env.profile();
      const [a, b] = [await env.tab(profile), await env.tab(profile)];
      await start(a, storage);
      await start(b, storage);
      const next = await refresh(a);
      await shows(b, next);
      expect(await b.evaluate(() => window.tab.heard)).toEqual([next]);
    });

    scenario("concurrent refreshes in A and B run one after the other; the second sees the first's ID; both end on one ID", async (env) => {
      const profile = await env.profile();
      const [a, b] = [await env.tab(profile), await env.tab(profile)];
      const first = await start(a, storage);
      await start(b, storage);
      await Promise.all([refresh(a, 150), refresh(b, 150)]);
      const chain = chainFrom(first, [...(await callbacks(a)), ...(await callbacks(b))]);
      expect(chain).toHaveLength(2);
      await shows(b, chain[1]!.next);
      await shows(a, chain[1]!.next);
    });

    scenario("eight tabs refreshing at once end on one ID, every callback having run exactly once, in a chain", async (env) => {
      const profile = await env.profile();
      const tabs: Tab[] = await Promise.all(Array.from({ length: 8 }, () => env.tab(profile)));
      const first = await start(tabs[0]!, storage);
      for (const tab of tabs.slice(1)) expect(await start(tab, storage)).toBe(first);
      await Promise.all(tabs.map((tab) => refresh(tab, 20)));
      const perTab = await Promise.all(tabs.map(callbacks));
      expect(perTab.map((runs) => runs.length)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
      const chain = chainFrom(first, perTab.flat());
      expect(chain).toHaveLength(8);
      const last = chain.at(-1)!.next;
      for (const tab of tabs) await shows(tab, last);
    });

    scenario("an external removal of the key converges: every tab keeps the one shared ID", async (env) => {
      const profile = await env.profile();
      const [a, b, other] = [await env.tab(profile), await env.tab(profile), await env.tab(profile)];
      const id = await start(a, storage);
      await start(b, storage);
      await other.evaluate(async (storage) => {
        const { indexedDBBackend, cookieBackend } = window.sessionid;
        if (storage == "local") localStorage.removeItem("sessionid");
        else await (storage == "cookie" ? cookieBackend() : indexedDBBackend()).remove("sessionid");
      }, storage);
      // 20 s: three engines share a loaded 2-core machine.
      await env.expect.poll(async () => (await stored(other))?.split(".")[0], { timeout: 20_000 }).toBe(id);
      expect([await current(a), await current(b)]).toEqual([id, id]);
    });

    if (storage == "cookie")
      scenario("a cookie deleted without any tab announcing it (as the server, expiry or devtools do) is put back: cookieStore's change event", async (env) => {
        const profile = await env.profile();
        const [a, other] = [await env.tab(profile), await env.tab(profile)];
        const id = await start(a, storage);
        await env.expect.poll(() => a.evaluate(() => document.cookie), { timeout: 20_000 }).toContain(`sessionid=${id}.1`);
        await other.evaluate(() => void (document.cookie = "sessionid=; Path=/; Max-Age=0"));
        // 20 s: three engines share a loaded 2-core machine.
        await env.expect.poll(() => other.evaluate(() => document.cookie), { timeout: 20_000 }).toContain(`sessionid=${id}.1`);
        expect(await current(a)).toBe(id);
      });

    scenario("a lock held forever by another tab times out: lock-timeout is reported and the refresh still commits", async (env) => {
      const profile = await env.profile();
      const [a, holder] = [await env.tab(profile), await env.tab(profile)];
      // The first tab of a profile promotes the ID it made (generation 0) under the lock. That
      // happens here, with the default timeout, so A (200 ms) starts on generation 1 and asks for
      // the lock only in its refresh: a loaded machine granting A's promotion after 200 ms would
      // report a second, real, lock-timeout (a CI failure).
      const id = await start(holder, storage);
      await env.expect.poll(() => stored(holder), { timeout: 20_000 }).toBe(`${id}.1`);
      expect(await start(a, storage, { lockTimeout: 200 })).toBe(id);
      // Answers once the lock is held (not merely asked for), so A's refresh cannot get it first.
      await holder.evaluate(
        () => new Promise<void>((held) => void navigator.locks.request("sessionid:sessionid", () => (held(), new Promise(() => {})))),
      );
      const next = await refresh(a, 0);
      expect(await current(a)).toBe(next);
      expect(await a.evaluate(() => window.tab.errors.map((error) => error.code))).toEqual(["lock-timeout"]);
    });

    if (storage == "indexeddb")
      scenario("a tab that closes while its committed refresh is still being written: the other tabs move to the new ID, and storage holds it", async (env) => {
        const profile = await env.profile();
        const [a, b, reader] = [await env.tab(profile), await env.tab(profile), await env.tab(profile)];
        const id = await start(a, storage);
        // A has promoted its new ID (generation 1), so B starts on it and has nothing to promote:
        // no write of A's or B's is pending from now on.
        await env.expect.poll(() => stored(a), { timeout: 20_000 }).toBe(`${id}.1`);
        await start(b, storage);
        // A read-only transaction kept running in a third tab: reads still run beside it, but a
        // read-write transaction made after it (A's write of its refresh) waits until it ends.
        await reader.evaluate(
          () =>
            new Promise<void>((running, failed) => {
              const open = indexedDB.open("sessionid");
              open.onerror = () => failed(open.error);
              open.onsuccess = () => {
                const store = open.result.transaction("sessions", "readonly").objectStore("sessions");
                const read = () => {
                  if (!(window as { released?: boolean }).released) store.get("sessionid").onsuccess = read;
                };
                read();
                running();
              };
            }),
        );
        // A's refresh commits: A shows the new ID at once, while its write waits behind the read.
        await a.evaluate(() => void window.tab.session.refresh(async (next, previous) => void window.tab.callbacks.push({ next, previous })));
        await a.waitFor(() => window.tab.callbacks.length == 1 && window.tab.session.get() == window.tab.callbacks[0]!.next);
        const { next } = (await callbacks(a))[0]!;
        await a.close();
        // 20 s: three engines share a loaded 2-core machine.
        await shows(b, next, 20_000);
        // Once the read ends, storage holds it (A's write, had it landed, or B's repair of it);
        // a tab opened after that starts on it.
        await reader.evaluate(() => void ((window as { released?: boolean }).released = true));
        await env.expect.poll(() => stored(b), { timeout: 20_000 }).toBe(`${next}.2`);
        expect(await start(await env.tab(profile), storage)).toBe(next);
      });
  });

  describe(`back/forward cache`, () => {
    scenario("on pageshow after a restore, a browser-wide session re-reads storage it missed events for", async (env) => {
      const tab = await env.tab(await env.profile());
      const id = await start(tab, "local");
      // Settled first: right after start the new ID is promoted to generation 1 (a read of its own).
      await tab.waitFor((id) => localStorage.getItem("sessionid") == `${id}.1`, id);
      // A write this page's storage listener never hears (same-document writes fire no storage event).
      await tab.evaluate(() => localStorage.setItem("sessionid", "rotated-while-frozen-01.2"));
      expect(await current(tab)).not.toBe("rotated-while-frozen-01");
      await tab.evaluate(() => void dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true })));
      await shows(tab, "rotated-while-frozen-01");
    });
  });
}
