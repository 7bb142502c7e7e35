import { defineConfig } from "vitest/config";
import { sourceConditions } from "../../vitest.shared.ts";

export default defineConfig({
  ...sourceConditions,
  test: {
    name: "shop",
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Builds the pages and the server once; the end-to-end files each start their own server.
    globalSetup: ["test/e2e/globalSetup.ts"],
    testTimeout: 30_000,
    // End-to-end scenarios of one page run three at a time: each opens Chromium tabs.
    maxConcurrency: 3,
    hookTimeout: 60_000,
  },
});
