import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Each package and example has a vitest.config.ts; extra projects (a real browser, server
    // rendering) live beside it as vitest.<kind>.config.ts.
    projects: [
      "packages/*/vitest.config.ts",
      "packages/*/vitest.*.config.ts",
      "examples/*/vitest.config.ts",
      "examples/*/vitest.*.config.ts",
      "test-docs/vitest.config.ts",
      // The browser driver's own tests (Chromium, Firefox, WebKit).
      "test-shared/vitest.config.ts",
    ],
  },
});
