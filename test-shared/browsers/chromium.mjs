// Chromium: Debian's /usr/bin/chromium through playwright-core (CDP). A profile is a browser
// context (Playwright's incognito-like context); its pages are tabs.
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath } from "../chromium.mjs";
import { captureSource } from "./capture.mjs";

export async function launchChromium({ backForwardCache = false } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? chromiumPath,
    headless: true,
    args: [
      ...chromiumArgs,
      // Unfocused tabs behave as visible ones (no timer throttling), as in the other engines.
      "--disable-background-timer-throttling",
      "--disable-renderer-backgrounding",
      "--disable-backgrounding-occluded-windows",
    ],
    // Playwright turns the back/forward cache off by default.
    ignoreDefaultArgs: backForwardCache ? ["--disable-back-forward-cache"] : [],
    timeout: 120_000,
  });
  const rawTab = (page) => ({
    run: (expression) => page.evaluate(expression),
    click: (selector) => page.click(selector, { timeout: 20_000 }),
    fill: (selector, text) => page.fill(selector, text, { timeout: 20_000 }),
    press: (selector, key) => page.press(selector, key, { timeout: 20_000 }),
    cookies: async () =>
      (await page.context().cookies(page.url())).map(({ name, value, domain, path, expires, httpOnly, secure, sameSite }) => ({
        name, value, domain, path, expires, httpOnly, secure, sameSite,
      })),
    async popup(trigger) {
      const [popup] = await Promise.all([page.context().waitForEvent("page", { timeout: 60_000 }), trigger()]);
      return rawTab(popup);
    },
    close: () => page.close(),
    // No freeze: Playwright emulates focus for every page of a context it makes, and with that
    // CDP Page.setWebLifecycleState leaves the page's timers running. A suite that needs real
    // freezes starts its own Chromium (see the chaos test) and wraps it in Tab.
  });
  return {
    name: "chromium",
    version: browser.version(),
    async newProfile() {
      // Test pages may use a throwaway self-signed certificate on https://127.0.0.1.
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      await context.addInitScript({ content: captureSource });
      return {
        async openTab(url) {
          const page = await context.newPage();
          await page.goto(url, { timeout: 60_000 });
          return rawTab(page);
        },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}
