// What a page records for `tab.uncaught()`: uncaught errors, unhandled rejections and
// console.error / console.warn, kept IN THE PAGE (WebKit's WebDriver has no log endpoint, so
// this is the one way that works in all three engines). The driver takes the records out on
// every evaluate, before every navigation it drives, and in `tab.uncaught()`, so they survive
// reloads and navigations.
//
// How it gets into a page:
// - pages you serve should include it first (`captureScriptTag` in plain HTML, or
//   `captureVitePlugin()` for a Vite server): the only way to see errors thrown while a page
//   loads in every engine;
// - Chromium also adds it as an init script to every document of a profile, Firefox to every
//   later document of a tab it opened (not to the first document of a `window.open` popup);
// - every evaluate installs it if it is missing (from then on only, in WebKit's pages that
//   lack the tag).
// It is idempotent: the first copy wins.

/** The capture, as the source of a classic script. */
export const captureSource = `(() => {
  if (window.__sessionidCapture) return;
  const records = [];
  const text = (value) => {
    if (value instanceof Error) return value.name + ": " + value.message;
    if (typeof value == "string") return value;
    try { return JSON.stringify(value) ?? String(value); } catch { return String(value); }
  };
  addEventListener("error", (event) => {
    records.push("uncaught " + (event.error !== undefined && event.error !== null ? text(event.error) : event.message));
  });
  addEventListener("unhandledrejection", (event) => records.push("unhandled rejection " + text(event.reason)));
  for (const level of ["error", "warn"]) {
    const original = console[level];
    console[level] = function (...args) {
      records.push("console." + level + " " + args.map(text).join(" "));
      return original.apply(this, args);
    };
  }
  const capture = {
    /** True between pageshow and pagehide: the document is the one on screen. */
    shown: document.readyState == "complete",
    /** Hands the records over once. */
    take: () => records.splice(0),
  };
  addEventListener("pageshow", () => (capture.shown = true));
  addEventListener("pagehide", () => (capture.shown = false));
  Object.defineProperty(window, "__sessionidCapture", { value: capture });
})();`;

/** `<script>` with the capture, to put first in a page's `<head>`. */
export const captureScriptTag = `<script>${captureSource}</script>`;

/** A Vite plugin that puts the capture first in every HTML page the server or build makes. */
export const captureVitePlugin = () => ({
  name: "sessionid-uncaught-capture",
  transformIndexHtml: () => [{ tag: "script", children: captureSource, injectTo: "head-prepend" }],
});
