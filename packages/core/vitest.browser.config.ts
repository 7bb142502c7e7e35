import { defineConfig } from "vitest/config";

// What only a real browser shows: tabs, duplicated tabs, Web Locks, IndexedDB, cookies.
// Node drives Debian's Chromium with playwright-core; pages load the core through Vite.
export default defineConfig({
  test: {
    name: "core-browser",
    include: ["test/browser/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
