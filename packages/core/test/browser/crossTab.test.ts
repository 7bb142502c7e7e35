import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { start, useChromium } from "./chromium.ts";

const chromium = useChromium();
afterEach(chromium.closeContexts);

/** Refresh in the page; the callback (held open a while, like a server call) logs what it saw. */
const refresh = (page: Page, hold = 50) =>
  page.evaluate(
    (hold) =>
      window.tab.session.refresh(async (next, previous) => {
        await new Promise((resolve) => setTimeout(resolve, hold));
        window.tab.callbacks.push({ next, previous });
      }),
    hold,
  );

type Run = { next: string; previous: string };
const callbacks = (page: Page) => page.evaluate(() => window.tab.callbacks) as Promise<Run[]>;

/**
 * The runs in commit order, found by following previous → next from the first ID. Callbacks that
 * overlapped would share a previous ID, and the chain would break.
 */
const chainFrom = (first: string, runs: Run[]) => {
  const chain: Run[] = [];
  for (let id = first, run; (run = runs.find((candidate) => candidate.previous == id)); id = run.next) chain.push(run);
  return chain;
};
const current = (page: Page) => page.evaluate(() => window.tab.session.get());

describe.each(["local", "indexeddb", "cookie"] as const)("browser-wide sessions in Chromium (%s)", (storage) => {
  it("two tabs share one ID", async () => {
    const context = await chromium.context();
    const a = await start(await chromium.tab(context), storage);
    const b = await start(await chromium.tab(context), storage);
    expect(b).toBe(a);
  });

  it("a refresh in tab A reaches tab B's get() and subscribers", async () => {
    const context = await chromium.context();
    const [a, b] = [await chromium.tab(context), await chromium.tab(context)];
    await start(a, storage);
    await start(b, storage);
    const next = await refresh(a);
    await b.waitForFunction((next) => window.tab.session.get() == next, next);
    expect(await b.evaluate(() => window.tab.heard)).toEqual([next]);
  });

  it("concurrent refreshes in A and B run one after the other; the second sees the first's ID; both end on one ID", async () => {
    const context = await chromium.context();
    const [a, b] = [await chromium.tab(context), await chromium.tab(context)];
    const first = await start(a, storage);
    await start(b, storage);
    await Promise.all([refresh(a, 150), refresh(b, 150)]);
    const chain = chainFrom(first, [...(await callbacks(a)), ...(await callbacks(b))]);
    expect(chain).toHaveLength(2);
    await b.waitForFunction((id) => window.tab.session.get() == id, chain[1]!.next);
    await a.waitForFunction((id) => window.tab.session.get() == id, chain[1]!.next);
  });

  it("eight tabs refreshing at once end on one ID, every callback having run exactly once, in a chain", async () => {
    const context = await chromium.context();
    const tabs: Page[] = [];
    for (let i = 0; i < 8; i++) tabs.push(await chromium.tab(context));
    const first = await start(tabs[0]!, storage);
    for (const tab of tabs.slice(1)) expect(await start(tab, storage)).toBe(first);
    await Promise.all(tabs.map((tab) => refresh(tab, 20)));
    const perTab = await Promise.all(tabs.map(callbacks));
    expect(perTab.map((runs) => runs.length)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    const chain = chainFrom(first, perTab.flat());
    expect(chain).toHaveLength(8);
    const last = chain.at(-1)!.next;
    for (const tab of tabs) await tab.waitForFunction((id) => window.tab.session.get() == id, last);
  });

  it("an external removal of the key converges: every tab keeps the one shared ID", async () => {
    const context = await chromium.context();
    const [a, b, other] = [await chromium.tab(context), await chromium.tab(context), await chromium.tab(context)];
    const id = await start(a, storage);
    await start(b, storage);
    await other.evaluate(async (storage) => {
      const { indexedDBBackend, cookieBackend } = window.sessionid;
      if (storage == "local") localStorage.removeItem("sessionid");
      else await (storage == "cookie" ? cookieBackend() : indexedDBBackend()).remove("sessionid");
    }, storage);
    const stored = (page: Page) =>
      page.evaluate(async (storage) => {
        const { indexedDBBackend, cookieBackend } = window.sessionid;
        return storage == "local"
          ? localStorage.getItem("sessionid")
          : (storage == "cookie" ? cookieBackend() : indexedDBBackend()).get("sessionid");
      }, storage);
    await expect.poll(async () => (await stored(other))?.split(".")[0], { timeout: 10_000 }).toBe(id);
    expect([await current(a), await current(b)]).toEqual([id, id]);
  });

  it("a lock held forever by another tab times out: lock-timeout is reported and the refresh still commits", async () => {
    const context = await chromium.context();
    const [a, holder] = [await chromium.tab(context), await chromium.tab(context)];
    await start(a, storage, { lockTimeout: 200 });
    await holder.evaluate(() => void navigator.locks.request("sessionid:sessionid", () => new Promise(() => {})));
    const next = await refresh(a, 0);
    expect(await current(a)).toBe(next);
    expect(await a.evaluate(() => window.tab.errors.map((error) => error.code))).toEqual(["lock-timeout"]);
  });
});

describe("back/forward cache", () => {
  it("on pageshow after a restore, a browser-wide session re-reads storage it missed events for", async () => {
    const page = await chromium.tab(await chromium.context());
    await start(page, "local");
    // A write this page's storage listener never hears (same-document writes fire no storage event).
    await page.evaluate(() => localStorage.setItem("sessionid", "rotated-while-frozen-01"));
    expect(await current(page)).not.toBe("rotated-while-frozen-01");
    await page.evaluate(() => dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true })));
    await page.waitForFunction(() => window.tab.session.get() == "rotated-while-frozen-01");
  });
});
