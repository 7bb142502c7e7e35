// The chaos test's Chromium: the engine-neutral driver's API (test-shared/browsers), on a browser
// we start ourselves and drive over CDP without Playwright's focus emulation. With the emulation
// (every page of a context Playwright made) every tab counts as focused and visible, and
// Page.setWebLifecycleState leaves its timers running; without it a background tab is really
// frozen (chaos.test.ts, "a real freeze"). Only the default context of a browser connected with
// `noDefaults` goes without the emulation, so each profile is a browser of its own.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type CDPSession, type Page } from "playwright-core";
import { Tab, type Engine, type Profile, type RawTab } from "../../../../../test-shared/browsers/index.mjs";
import { chromiumArgs, chromiumPath } from "../../../../../test-shared/chromium.mjs";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts Chromium on a fresh user-data folder; answers its CDP endpoint and how to stop it. */
const startChromium = async () => {
  const folder = mkdtempSync(join(tmpdir(), "sessionid-chaos-"));
  const child = spawn(
    chromiumPath,
    [
      ...chromiumArgs,
      "--headless",
      "--remote-debugging-port=0",
      `--user-data-dir=${folder}`,
      // Background tabs keep full-speed timers (a freeze is what stops them, not throttling), and
      // pages opened from a page are not popup-blocked.
      "--disable-background-timer-throttling",
      "--disable-renderer-backgrounding",
      "--disable-backgrounding-occluded-windows",
      "--disable-popup-blocking",
      "about:blank",
    ],
    // Its own process group: /usr/bin/chromium is a wrapper script, and the group is how the
    // browser it starts is stopped too.
    { stdio: ["ignore", "ignore", "pipe"], detached: true },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${output}`)), 60_000);
    child.stderr!.on("data", (chunk) => {
      output += chunk;
      const found = /DevTools listening on (ws:\S+)/.exec(output);
      if (found) clearTimeout(timer), resolve(found[1]!);
    });
    child.on("exit", (code) => (clearTimeout(timer), reject(new Error(`Chromium exited (${code}):\n${output}`))));
  });
  child.stderr!.resume();
  const exited = new Promise((resolve) => (child.exitCode != null ? resolve(0) : child.once("exit", resolve)));
  const stop = async () => {
    await Promise.race([exited, sleep(5_000)]);
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
    rmSync(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  };
  return { endpoint, stop };
};

/** A driver-level tab on a page of the default context; `frozen` holds the profile's frozen pages. */
const rawTab = (context: BrowserContext, page: Page, frozen: Set<Page>): RawTab => {
  let cdp: CDPSession | undefined;
  const lifecycle = async (state: "frozen" | "active") => {
    cdp ??= await context.newCDPSession(page);
    await cdp.send("Page.setWebLifecycleState", { state });
  };
  return {
    run: (expression) => page.evaluate(expression),
    click: (selector) => page.click(selector, { timeout: 20_000 }),
    fill: (selector, text) => page.fill(selector, text, { timeout: 20_000 }),
    press: (selector, key) => page.press(selector, key, { timeout: 20_000 }),
    cookies: async () => (await context.cookies(page.url())).map(({ partitionKey: _, ...cookie }) => cookie),
    async popup(trigger) {
      const [popup] = await Promise.all([context.waitForEvent("page", { timeout: 60_000 }), trigger()]);
      return rawTab(context, popup, frozen);
    },
    close: () => page.close({ runBeforeUnload: false }),
    async freeze() {
      // Only a background tab can be frozen: if this one is in front, bring an awake one forward.
      if ((await page.evaluate(() => document.visibilityState)) == "visible") {
        const other = context.pages().find((candidate) => candidate != page && !frozen.has(candidate));
        await other?.bringToFront();
      }
      await lifecycle("frozen");
      frozen.add(page);
    },
    async resume() {
      await lifecycle("active");
      frozen.delete(page);
    },
  };
};

/**
 * Chromium with real freezes: `tab.freeze()` stops a tab's timers, events and evaluate calls
 * until `tab.resume()`, as Chrome does to a background tab. Each profile is its own browser.
 *
 * @example
 * const engine = await launchFreezableChromium();
 * const profile = await engine.newProfile();
 * const [a, b] = [await profile.openTab(url), await profile.openTab(url)];
 * await a.freeze!(); // b is in front now, a's setTimeout callbacks wait
 * await a.resume!();
 */
export const launchFreezableChromium = async (): Promise<Engine> => {
  const profiles = new Set<Profile>();
  let version = "";
  const newProfile = async (): Promise<Profile> => {
    const { endpoint, stop } = await startChromium();
    // noDefaults: Playwright leaves the default context as the browser has it, focus emulation off.
    const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true, timeout: 60_000 }).catch(async (error) => {
      await stop();
      throw error;
    });
    version = browser.version();
    const context = browser.contexts()[0]!;
    const frozen = new Set<Page>();
    const profile: Profile = {
      async openTab(url) {
        const page = await context.newPage();
        await page.goto(url, { timeout: 60_000 });
        return new Tab(rawTab(context, page, frozen));
      },
      async close() {
        if (!profiles.delete(profile)) return;
        const cdp = await browser.newBrowserCDPSession().catch(() => undefined);
        await Promise.race([cdp?.send("Browser.close").catch(() => {}), sleep(5_000)]);
        await stop();
        await browser.close().catch(() => {});
      },
    };
    profiles.add(profile);
    return profile;
  };
  return {
    name: "chromium",
    get version() {
      return version;
    },
    newProfile,
    async close() {
      await Promise.allSettled([...profiles].map((profile) => profile.close()));
    },
  };
};
