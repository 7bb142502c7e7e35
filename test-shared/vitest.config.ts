import { defineConfig } from "vitest/config";
import { enginesToTest } from "./browsers/index.mjs";

// The browser driver's self-tests (test-shared/browsers): the same scenarios in Chromium,
// Firefox ESR and WebKitGTK, one file per engine. SESSIONID_ENGINES=firefox,webkit narrows them.
export default defineConfig({
  test: {
    name: "browsers",
    root: import.meta.dirname,
    // One file per engine: SESSIONID_ENGINES leaves the others' files out (never skipped tests).
    include: enginesToTest().map((engine) => `browsers/test/${engine}.test.ts`),
    environment: "node",
    // Launches take 4-8 s, more on a loaded machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
