import { defineConfig } from "vitest/config";
import { appsToTest } from "./registeredApps.ts";

// The meta-framework apps of issue 16 (examples/next, nuxt, sveltekit, solidstart) end to end:
// one file per app, all running appScenarios.ts against the app's production build (and its dev
// server for the hydration checks), in Chromium, Firefox ESR and WebKitGTK.
export default defineConfig({
  test: {
    name: "apps",
    root: import.meta.dirname,
    // The harness's own tests, and the files of the apps to test (registered, or SESSIONID_APPS).
    include: ["harness.test.ts", ...appsToTest().map((app) => `${app}.test.ts`)],
    environment: "node",
    // Builds the packages, then the registered apps (minutes on a loaded 2-core machine).
    globalSetup: ["globalSetup.ts"],
    // A server start, a browser launch or a dev server's first compile can take minutes under load.
    hookTimeout: 300_000,
    testTimeout: 180_000,
    teardownTimeout: 60_000,
  },
});
