import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { start, useChromium } from "./chromium.ts";

// Playwright turns the back/forward cache off by default; these tests turn it back on.
const chromium = useChromium({ backForwardCache: true });
afterEach(chromium.closeContexts);

/** Tab `page` goes away and comes back with Back, while tab `other` rotates the session. */
const rotateWhileAway = async (page: Page, other: Page) => {
  await page.evaluate(() => {
    window.addEventListener("pageshow", (event) => ((window as unknown as { restored: boolean }).restored = event.persisted));
  });
  await page.goto(chromium.urls.http + "?away");
  const next = await other.evaluate(() => window.tab.session.refresh());
  // A page restored from the cache fires no load event: wait for the navigation to commit only.
  await page.goBack({ waitUntil: "commit" });
  return next;
};

describe("the real back/forward cache", () => {
  it("a localStorage page restored from the cache shows the rotation another tab made while it was frozen", async () => {
    const context = await chromium.context();
    const [page, other] = [await chromium.tab(context), await chromium.tab(context)];
    const id = await start(page, "local");
    expect(await start(other, "local")).toBe(id);
    const next = await rotateWhileAway(page, other);
    // Restored, not reloaded: the page's own state survived, and pageshow said so.
    await page.waitForFunction(() => (window as unknown as { restored?: boolean }).restored === true);
    await page.waitForFunction((next) => window.tab.session.get() == next, next);
  });

  it("a cookie page that went back ends on the rotation another tab made meanwhile", async () => {
    const context = await chromium.context();
    const [page, other] = [await chromium.tab(context), await chromium.tab(context)];
    const id = await start(page, "cookie");
    expect(await start(other, "cookie")).toBe(id);
    const next = await rotateWhileAway(page, other);
    // Chromium drops a cached page that a BroadcastChannel message reached, so this one loads
    // afresh; either way it must not come back on the old ID.
    await page.waitForFunction(() => !!window.sessionid);
    const shown = await page.evaluate(() =>
      window.tab ? window.tab.session.get() : window.sessionid.createSession({ storage: window.sessionid.cookieBackend() }).get(),
    );
    expect(shown).toBe(next);
  });
});
