// Firefox: Debian's Firefox ESR through puppeteer-core over WebDriver BiDi (Debian has no
// geckodriver; playwright-core 1.65 cannot drive Firefox 153). A profile is a BiDi user
// context (a container: its own localStorage, IndexedDB and cookies); each tab is opened as its
// own window, so none is a background tab.
import puppeteer from "puppeteer-core";
import { captureSource } from "./capture.mjs";

export const firefoxPath = "/usr/bin/firefox-esr";

export async function launchFirefox({ backForwardCache = false } = {}) {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: process.env.FIREFOX_PATH ?? firefoxPath,
    headless: true,
    // Test pages may use a throwaway self-signed certificate on https://127.0.0.1.
    acceptInsecureCerts: true,
    timeout: 120_000,
    protocolTimeout: 120_000,
    extraPrefsFirefox: {
      // Off unless asked for, as Playwright does for Chromium (the default is on).
      ...(backForwardCache ? {} : { "browser.sessionhistory.max_total_viewers": 0 }),
      // No throttling of timers in tabs that are not in front.
      "dom.min_background_timeout_value": 4,
      "dom.timeout.enable_budget_timer_throttling": false,
    },
  });
  const version = await browser.version();
  const rawTab = (page) => ({
    run: (expression) => page.evaluate(expression),
    click: (selector) => page.locator(selector).setTimeout(20_000).click(),
    fill: (selector, text) => page.locator(selector).setTimeout(20_000).fill(text),
    async press(selector, key) {
      const element = await page.locator(selector).setTimeout(20_000).waitHandle();
      try {
        await element.press(key);
      } finally {
        await element.dispose();
      }
    },
    cookies: async () =>
      (await page.cookies()).map(({ name, value, domain, path, expires, httpOnly, secure, sameSite }) => ({
        name, value, domain, path, expires, httpOnly, secure, sameSite,
      })),
    async popup(trigger) {
      const opened = new Promise((resolve) => page.once("popup", resolve));
      await trigger();
      const popup = await opened;
      if (!popup) throw new Error("window.open made no tab");
      // For the popup's later documents (its first one is already loading).
      await popup.evaluateOnNewDocument(captureSource).catch(() => {});
      return rawTab(popup);
    },
    close: () => page.close(),
  });
  return {
    name: "firefox",
    version,
    async newProfile() {
      const context = await browser.createBrowserContext();
      return {
        async openTab(url) {
          const page = await context.newPage({ type: "window" });
          await page.evaluateOnNewDocument(captureSource);
          await page.goto(url, { waitUntil: "load", timeout: 60_000 });
          return rawTab(page);
        },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}
