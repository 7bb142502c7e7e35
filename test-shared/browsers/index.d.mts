/**
 * One engine-neutral browser driver: Debian's Chromium (playwright-core, CDP), Firefox ESR
 * (puppeteer-core, WebDriver BiDi) and WebKitGTK's MiniBrowser (WebKitWebDriver, WebDriver
 * classic, under Xvfb), behind the same small API. Pages must be served on 127.0.0.1 (http, or
 * https with any certificate: all three accept self-signed ones).
 */

export type EngineName = "chromium" | "firefox" | "webkit";

/** Every engine, in the order the suites run them. */
export declare const engineNames: readonly EngineName[];
/** The engines to test: `SESSIONID_ENGINES=firefox,webkit` narrows the list; default all three. */
export declare function enginesToTest(): EngineName[];

export interface LaunchOptions {
  /**
   * Back/forward cache on (default off in all three, so navigation is deterministic):
   * Chromium drops Playwright's `--disable-back-forward-cache`, Firefox keeps its default
   * (`browser.sessionhistory.max_total_viewers` is set to 0 when off), WebKit passes
   * MiniBrowser `--enable-page-cache=true|false`.
   */
  backForwardCache?: boolean;
}

/**
 * Starts an engine. Chromium and Firefox: one browser process. WebKit: one Xvfb display (each
 * profile is then its own WebKitWebDriver + MiniBrowser, as a WebDriver session is a profile).
 */
export declare function launchEngine(name: EngineName, options?: LaunchOptions): Promise<Engine>;

export interface Engine {
  readonly name: EngineName;
  /** The browser's version ("156.0…", "firefox/153.8.0", WebKitGTK "2.50.6"). */
  readonly version: string;
  /**
   * A fresh, isolated profile: its tabs share localStorage, IndexedDB and cookies, not
   * sessionStorage; two profiles share nothing.
   */
  newProfile(): Promise<Profile>;
  /** Closes every profile and the browser. */
  close(): Promise<void>;
}

export interface Profile {
  /** A new tab (its own window in Firefox and WebKit) on `url`, once loaded. */
  openTab(url: string): Promise<Tab>;
  close(): Promise<void>;
}

export interface Cookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  /** Seconds since the epoch; -1 for a session cookie. */
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: "Strict" | "Lax" | "None";
}

export interface WaitOptions {
  /** Milliseconds before rejecting (default `defaultTimeout`, 20 s). */
  timeout?: number;
  /** Milliseconds between polls (default 50). */
  interval?: number;
}

export interface Tab {
  /**
   * Runs `fn(arg)` in the page and answers its result; async functions are awaited. `fn` is sent
   * as source text (it cannot close over test variables); `arg` and the result go through JSON
   * (undefined properties dropped, no class instances). A throw in the page rejects with
   * `EvaluateError`. A frozen Chromium tab does not answer until resumed.
   */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /**
   * Polls `predicate(arg)` in the page until it is truthy and answers that value. Through
   * navigations: a throw or a page between documents counts as "not yet".
   */
  waitFor<R, A = undefined>(predicate: (arg: A) => R | Promise<R>, arg?: A, options?: WaitOptions): Promise<R>;
  /**
   * `window.open(url)` from inside the page (default: this page's URL), which copies this tab's
   * sessionStorage into the new tab as a duplicated tab does; answers the new tab once loaded.
   * (In Chromium and Firefox a page with such a popup is not put in the back/forward cache.)
   */
  openFromPage(url?: string): Promise<Tab>;
  /** `location.reload()` in the page; answers once the new document has loaded. */
  reload(): Promise<void>;
  /** `location.href = url` in the page; answers once the new document has loaded. */
  goto(url: string): Promise<void>;
  /**
   * `history.back()` in the page; answers once the previous entry is shown, restored from the
   * back/forward cache (its `pageshow` has `persisted: true`) or loaded again.
   */
  back(): Promise<void>;
  /**
   * What the page recorded since the tab opened, across reloads and navigations, oldest first:
   * `"uncaught Error: …"`, `"unhandled rejection Error: …"`, `"console.error …"`,
   * `"console.warn …"`. Recorded in the page by `captureSource` (see capture.mjs for how it gets
   * there); taken out on every evaluate and before every navigation the driver makes. Records a
   * page makes just before navigating by itself can be lost.
   */
  uncaught(): Promise<string[]>;
  /**
   * Clicks the first element matching the CSS `selector` with the driver's own input (a trusted
   * click: Playwright `page.click`, puppeteer locator click, WebDriver Element Click), waiting
   * up to 20 s for the element.
   */
  click(selector: string): Promise<void>;
  /** Clears the input matching `selector` and types `text` with the driver's own input. */
  fill(selector: string, text: string): Promise<void>;
  /**
   * Focuses the element matching `selector` and presses `key` with the driver's own keyboard
   * (trusted key events): one character, or `"Enter"`, `"Tab"`, `"Escape"`, `"Home"`, `"End"`,
   * `"ArrowUp"`, `"ArrowDown"`, `"ArrowLeft"`, `"ArrowRight"`. Waits up to 20 s for the element.
   *
   * @example
   * await tab.press("#search", "Enter");
   */
  press(selector: string, key: string): Promise<void>;
  /**
   * Picks the option with value `value` in the `<select>` matching `selector` as a keyboard user
   * does: ArrowDown / ArrowUp on the focused select, one press per enabled option in between,
   * so the page gets trusted `input` and `change` events, one pair per step (in all three
   * engines; Playwright's and puppeteer's own "select" dispatch untrusted events, WebDriver has
   * none for a closed select). Rejects if no enabled option has that value; answers once the
   * select shows it (a page that navigates on `change` is read after its navigation).
   *
   * @example
   * await tab.selectOption('[data-testid="storage"]', "local"); // the next option: one change
   */
  selectOption(selector: string, value: string): Promise<void>;
  /**
   * Checks the checkbox (or radio) matching `selector` with a trusted click, unless it is
   * checked already; answers once it is.
   *
   * @example
   * await tab.check("#terms");
   */
  check(selector: string): Promise<void>;
  /** Unchecks the checkbox matching `selector` with a trusted click, unless it is unchecked already; answers once it is. */
  uncheck(selector: string): Promise<void>;
  /**
   * Clicks `selector` (trusted, as `click`) where that click opens a window (`window.open`, a
   * `target=_blank` link); answers the new tab once loaded. A `window.open` of a same-origin
   * page copies this tab's sessionStorage, as `openFromPage` does.
   *
   * @example
   * const copy = await tab.openByClick("#second-tab");
   */
  openByClick(selector: string): Promise<Tab>;
  /**
   * The cookies the browser would send to this page's URL, with their attributes, from the
   * driver (Playwright `context.cookies(url)`, puppeteer `page.cookies()`, WebDriver `GET /cookie`).
   */
  cookies(): Promise<Cookie[]>;
  /**
   * Only on a tab over a `RawTab` that can really freeze (the chaos test's own CDP Chromium): freezes
   * the page (timers, events and evaluate stop) as Chrome does to a background tab. None of the
   * driver's own engines offers it (Playwright's focus emulation leaves a frozen page's timers running).
   */
  freeze?(): Promise<void>;
  /** Undoes `freeze`. */
  resume?(): Promise<void>;
  close(): Promise<void>;
}

/** A page-side error that `evaluate` rethrows. */
export declare class EvaluateError extends Error {}
/** The default wait, in milliseconds, of `waitFor` and navigations. */
export declare const defaultTimeout: number;

/** The capture of uncaught errors, as the source of a classic script (idempotent). */
export declare const captureSource: string;
/** `<script>` with the capture, to put first in a served page's `<head>`. */
export declare const captureScriptTag: string;
/** A Vite plugin that puts the capture first in every HTML page (dev server and build). */
export declare function captureVitePlugin(): {
  name: string;
  transformIndexHtml: () => { tag: string; children: string; injectTo: "head-prepend" }[];
};

/**
 * The engine-neutral tab over a driver of your own (a `RawTab`), for a suite that has to start a
 * browser itself: the chaos test's Chromium runs without Playwright's focus emulation, because
 * with it `Page.setWebLifecycleState` leaves a page's timers running (so this driver's Chromium
 * offers no `freeze`).
 *
 * @example
 * const tab = new Tab({ run: (expression) => page.evaluate(expression), popup, close: () => page.close(), … });
 * await tab.reload();
 */
export declare const Tab: new (raw: RawTab) => Tab;

/** What each engine's driver implements (internal: the engine-neutral Tab is built on it). */
export interface RawTab {
  /** Evaluates an expression that yields a promise of a JSON string. */
  run(expression: string): Promise<string>;
  cookies(): Promise<Cookie[]>;
  click(selector: string): Promise<void>;
  fill(selector: string, text: string): Promise<void>;
  /** Focuses the element and presses one key (names as in `Tab.press`). */
  press(selector: string, key: string): Promise<void>;
  /** Runs `trigger` (which opens a window from the page) and answers the new window. */
  popup(trigger: () => Promise<unknown>): Promise<RawTab>;
  close(): Promise<void>;
  freeze?(): Promise<void>;
  resume?(): Promise<void>;
}
