import { defineConfig } from "vitest/config";

// What only a real browser shows: tabs, duplicated tabs, Web Locks, IndexedDB, cookies.
// browser.test.ts drives Chromium, Firefox ESR and WebKitGTK through test-shared/browsers (its
// tests set their own timeouts: 60 s, hooks 120 s); chaos.test.ts runs its seeded multi-tab
// schedules in the same three engines (Chromium as a CDP browser of its own, for real freezes).
// Pages load the core through Vite.
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
