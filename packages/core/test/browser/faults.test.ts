import { afterEach, describe, expect, it } from "vitest";
import { start, uncaught, useChromium } from "./chromium.ts";

const chromium = useChromium();
afterEach(chromium.closeContexts);

describe("faults in a real page", () => {
  it.each(["session", "local"] as const)(
    "%sStorage whose setItem throws keeps the app working with a stable ID, reports through onError, and raises nothing uncaught",
    async (storage) => {
      const page = await chromium.tab(await chromium.context());
      await page.evaluate(() => {
        Storage.prototype.setItem = () => {
          throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        };
      });
      const id = await start(page, storage);
      const next = await page.evaluate(() => window.tab.session.refresh());
      const state = await page.evaluate(() => ({
        id: window.tab.session.get(),
        codes: window.tab.errors.map((error) => error.code),
        messages: window.tab.errors.map((error) => `${error.message} ${error.stack}`).join(" "),
      }));
      expect(id).toMatch(/^[\w-]{21}$/);
      expect(state.id).toBe(next);
      expect(state.codes).toEqual(["storage-write"]);
      expect(state.messages).not.toContain(id);
      expect(state.messages).not.toContain(next);
      expect(uncaught(page)).toEqual([]);
    },
  );

  it("storage that throws SecurityError on access (blocked storage) falls back to memory", async () => {
    const context = await chromium.context();
    await context.addInitScript(() =>
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("Access is denied for this document.", "SecurityError");
        },
      }),
    );
    const page = await chromium.tab(context);
    const id = await start(page, "local");
    expect(id).toMatch(/^[\w-]{21}$/);
    expect(await page.evaluate(() => window.tab.errors.map((error) => [error.code, (error.cause as Error).name]))).toEqual([
      ["storage-unavailable", "SecurityError"],
    ]);
    expect(uncaught(page)).toEqual([]);
  });

  it("generates IDs with crypto.randomUUID removed (as on plain-http LAN origins)", async () => {
    const context = await chromium.context();
    await context.addInitScript(() => {
      // @ts-expect-error removing what a non-secure context lacks
      delete Crypto.prototype.randomUUID;
    });
    const page = await chromium.tab(context);
    expect(await page.evaluate(() => typeof crypto.randomUUID)).toBe("undefined");
    const id = await start(page, "session");
    expect(id).toMatch(/^[\w-]{21}$/);
    expect(await page.evaluate(() => window.tab.session.refresh())).toMatch(/^[\w-]{21}$/);
  });
});
