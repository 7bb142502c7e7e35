import { afterEach, describe, expect, it } from "vitest";
import { start, uncaught, useChromium } from "./chromium.ts";

const chromium = useChromium();
afterEach(chromium.closeContexts);

describe("per-tab sessions in Chromium (sessionStorage)", () => {
  it("a reload keeps the ID and is not counted as a duplicate", async () => {
    const context = await chromium.context();
    const page = await chromium.tab(context);
    const id = await start(page, "session");
    await page.reload();
    await page.waitForFunction(() => !!window.sessionid);
    expect(await start(page, "session")).toBe(id);
    // Proof the handshake is live in the reloaded page: a duplicate of it is told apart and moves.
    const [duplicate] = await Promise.all([context.waitForEvent("page"), page.evaluate(() => void window.open(location.href))]);
    await duplicate.waitForFunction(() => !!window.sessionid);
    await start(duplicate, "session");
    await duplicate.waitForFunction((id) => window.tab.session.get() != id, id);
    expect(await page.evaluate(() => [window.tab.session.get(), window.tab.duplicates.length])).toEqual([id, 0]);
  });

  it("a second tab gets another ID", async () => {
    const context = await chromium.context();
    const first = await start(await chromium.tab(context), "session");
    const second = await start(await chromium.tab(context), "session");
    expect(second).not.toBe(first);
  });

  it("a duplicated tab (window.open copies sessionStorage) moves to a new ID and tells onDuplicate; the opener keeps its ID", async () => {
    const context = await chromium.context();
    const opener = await chromium.tab(context);
    const original = await start(opener, "session");
    const [duplicate] = await Promise.all([
      context.waitForEvent("page"),
      opener.evaluate(() => void window.open(location.href)),
    ]);
    await duplicate.waitForFunction(() => !!window.sessionid);
    expect(await duplicate.evaluate(() => sessionStorage.getItem("sessionid"))).toBe(`${original}.0`);
    await start(duplicate, "session");
    await duplicate.waitForFunction((original) => window.tab.session.get() != original, original);
    const moved = await duplicate.evaluate(() => ({ id: window.tab.session.get(), duplicates: window.tab.duplicates }));
    expect(moved.duplicates).toEqual([{ next: moved.id, previous: original }]);
    expect(await duplicate.evaluate(() => sessionStorage.getItem("sessionid"))).toBe(`${moved.id}.1`);
    expect(await opener.evaluate(() => window.tab.session.get())).toBe(original);
    expect(uncaught(opener)).toEqual([]);
  });
});
