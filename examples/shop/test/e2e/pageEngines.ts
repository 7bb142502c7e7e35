import type { EngineName } from "../../../../test-shared/browsers/index.mjs";

/**
 * Which engines run each page's scenarios: every page in Chromium, and one page each in
 * Firefox and WebKit (a page per engine costs about as much as the Chromium run of that page):
 * React in Firefox, where a tab's own status once settled late in CI; vanilla in WebKit, the
 * page with the failing-refresh scenario as well (a trusted check box).
 *
 * @example
 * pageEngines.react; // ["chromium", "firefox"]
 */
export const pageEngines = {
  vanilla: ["chromium", "webkit"],
  react: ["chromium", "firefox"],
  vue: ["chromium"],
  svelte: ["chromium"],
  solid: ["chromium"],
} as const satisfies Record<string, readonly EngineName[]>;

/** The shop's pages (front ends). */
export type FrontEnd = keyof typeof pageEngines;
