// The engine-neutral part of a tab: evaluate, condition waits, navigation and the uncaught
// records, built on the few things each engine's driver does (see `RawTab` in index.d.mts).
import { captureSource } from "./capture.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Default wait for conditions and navigations: generous, the machines are busy. */
export const defaultTimeout = 20_000;

/**
 * The expression every engine evaluates: runs `fnSource` on the JSON argument, awaits it and
 * answers a JSON string `{ value } | { error }` plus the capture's records, so every engine
 * hands back the same JSON semantics (undefined properties dropped, no class instances).
 */
export const wrap = (fnSource, argJson) => `(async () => {
  ${captureSource}
  let out;
  try {
    out = { value: await (${fnSource})(${argJson}) };
  } catch (error) {
    out = { error: error instanceof Error ? error.name + ": " + error.message + "\\n" + (error.stack ?? "") : String(error) };
  }
  out.uncaught = window.__sessionidCapture.take();
  try {
    return JSON.stringify(out);
  } catch (error) {
    return JSON.stringify({ error: "the result is not JSON: " + error, uncaught: out.uncaught });
  }
})()`;

export class EvaluateError extends Error {}

export class Tab {
  #raw;
  #records = [];
  #closed = false;

  /** @param {import("./index.d.mts").RawTab} raw */
  constructor(raw) {
    this.#raw = raw;
    if (raw.freeze) {
      this.freeze = () => raw.freeze();
      this.resume = () => raw.resume();
    }
  }

  /** Runs `fn(arg)` in the page (async functions awaited); `arg` and the result go through JSON. */
  async evaluate(fn, arg) {
    const source = typeof fn == "function" ? fn.toString() : `() => (${fn})`;
    const argJson = arg === undefined ? "undefined" : JSON.stringify(arg);
    const answer = JSON.parse(await this.#raw.run(wrap(source, argJson)));
    this.#records.push(...(answer.uncaught ?? []));
    if ("error" in answer) throw new EvaluateError(`in the page: ${answer.error}`);
    return answer.value;
  }

  /**
   * Polls `predicate(arg)` in the page until it returns a truthy value (answered), through
   * navigations (a throw or a navigating page counts as "not yet"). Rejects after `timeout` ms
   * with the predicate and the last error.
   */
  async waitFor(predicate, arg, { timeout = defaultTimeout, interval = 50 } = {}) {
    const deadline = Date.now() + timeout;
    // The last poll is cut short by the deadline, so its "did not answer" says little: keep the
    // last thing the page did answer (or throw) beside it.
    let last;
    let lastAnswer;
    for (;;) {
      const left = deadline - Date.now();
      try {
        const value = await Promise.race([
          this.evaluate(predicate, arg),
          sleep(Math.max(left, 1)).then(() => Promise.reject(new Error("the page did not answer"))),
        ]);
        if (value) return value;
        last = lastAnswer = `it answered ${JSON.stringify(value)}`;
      } catch (error) {
        last = String(error?.message ?? error);
        if (!(error instanceof Error && error.message == "the page did not answer")) lastAnswer = last;
      }
      if (Date.now() >= deadline) {
        const before = lastAnswer && lastAnswer != last ? `; before that, ${lastAnswer}` : "";
        throw new Error(`waitFor timed out after ${timeout} ms: ${String(predicate).slice(0, 300)} (${last}${before})`);
      }
      await sleep(Math.min(interval, Math.max(deadline - Date.now(), 0)));
    }
  }

  /** Starts a navigation from inside the page and waits until the next document has loaded and is shown. */
  async #navigate(start, arg) {
    const token = Math.random().toString(36).slice(2);
    // Harvests the records of the document we leave, and marks it.
    await this.evaluate((token) => void (window.__sessionidLeaving = token), token);
    // `start` navigates in a timeout, so the evaluate answers before the page goes away.
    await this.evaluate(start, arg);
    await this.waitFor(
      (token) =>
        window.__sessionidLeaving !== token &&
        document.readyState == "complete" &&
        window.__sessionidCapture.shown,
      token,
    );
  }

  /** `location.reload()` in the page, then waits for the new document's load. */
  reload() {
    return this.#navigate(() => void setTimeout(() => location.reload()), undefined);
  }

  /** `location.href = url` in the page (same browser tab), then waits for the load. */
  goto(url) {
    return this.#navigate((url) => void setTimeout(() => (location.href = url)), url);
  }

  /**
   * `history.back()` in the page, then waits until the previous entry is shown (restored from
   * the back/forward cache, `pageshow.persisted`, or loaded again). Drivers' own goBack is not
   * used: it rejects or never resolves on Firefox.
   */
  back() {
    return this.#navigate(() => void setTimeout(() => history.back()), undefined);
  }

  /**
   * `window.open(url)` from inside the page (default: this page's URL), which copies this tab's
   * sessionStorage into the new one, as a duplicated tab does; answers the new tab once loaded.
   */
  async openFromPage(url) {
    const target = url ?? (await this.evaluate(() => location.href));
    return this.#adoptPopup(() => this.evaluate((url) => void window.open(url), target));
  }

  /** Runs `trigger`, which makes the page open a window, and answers that window as a tab once loaded. */
  async #adoptPopup(trigger) {
    const tab = new Tab(await this.#raw.popup(trigger));
    await tab.waitFor(
      () => location.href != "about:blank" && document.readyState == "complete" && window.__sessionidCapture.shown,
    );
    return tab;
  }

  /** Clicks the first element matching the CSS `selector` with the driver's own input (a trusted click), waiting up to 20 s for it. */
  click(selector) {
    return this.#raw.click(selector);
  }

  /** Replaces the text of the input matching `selector` by typing `text` with the driver's own input. */
  fill(selector, text) {
    return this.#raw.fill(selector, text);
  }

  /**
   * Focuses the element matching `selector` and presses `key` ("ArrowDown", "Enter", "a", …)
   * with the driver's own keyboard (trusted key events), waiting up to 20 s for the element.
   */
  press(selector, key) {
    return this.#raw.press(selector, key);
  }

  /**
   * Picks the option whose value is `value` in the `<select>` matching `selector` as a user does
   * with the keyboard: ArrowDown / ArrowUp on the focused select, one press per enabled option
   * in between (trusted keys, so trusted `input` and `change` events, one per step: the same in
   * the three engines, whose drivers' own "select" dispatches untrusted events or has none).
   * Answers once the select shows `value`.
   */
  async selectOption(selector, value) {
    const where = await this.waitFor(
      ([selector, value]) => {
        const select = document.querySelector(selector);
        if (!(select instanceof HTMLSelectElement)) return false;
        const enabled = [...select.options].filter((option) => !option.disabled);
        return { from: enabled.findIndex((option) => option.selected), to: enabled.findIndex((option) => option.value == value) };
      },
      [selector, value],
    );
    if (where.to < 0) throw new Error(`selectOption: ${selector} has no enabled option with the value ${JSON.stringify(value)}`);
    for (let step = where.from; step != where.to; step += Math.sign(where.to - where.from))
      await this.press(selector, where.to > where.from ? "ArrowDown" : "ArrowUp");
    // A page may navigate on change (then the next document's select is read).
    await this.waitFor(([selector, value]) => document.querySelector(selector)?.value == value, [selector, value]);
  }

  /** Makes the checkbox (or radio) matching `selector` checked with a trusted click, unless it is already; answers once it is. */
  check(selector) {
    return this.#setChecked(selector, true);
  }

  /** Makes the checkbox matching `selector` unchecked with a trusted click, unless it is already; answers once it is. */
  uncheck(selector) {
    return this.#setChecked(selector, false);
  }

  async #setChecked(selector, checked) {
    const isChecked = ([selector]) => {
      const input = document.querySelector(selector);
      return input instanceof HTMLInputElement ? { checked: input.checked } : false;
    };
    const now = await this.waitFor(isChecked, [selector]);
    if (now.checked != checked) await this.click(selector);
    await this.waitFor(([selector, checked]) => document.querySelector(selector)?.checked === checked, [selector, checked]);
  }

  /**
   * Clicks `selector` with the driver's own input, for an element whose click opens a tab
   * (`window.open`, a `target=_blank` link); answers the new tab once loaded.
   */
  openByClick(selector) {
    return this.#adoptPopup(() => this.click(selector));
  }

  /** The cookies the browser would send to this page's URL, with their attributes. */
  cookies() {
    return this.#raw.cookies();
  }

  /**
   * The uncaught errors, unhandled rejections and console.error / console.warn texts the page
   * recorded since the tab opened, across reloads and navigations, oldest first.
   */
  async uncaught() {
    if (!this.#closed) await this.evaluate(() => 0).catch(() => {});
    return [...this.#records];
  }

  async close() {
    if (this.#closed) return;
    await this.uncaught();
    this.#closed = true;
    await this.#raw.close();
  }
}
