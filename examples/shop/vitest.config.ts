import { defineConfig } from "vitest/config";
import { sourceConditions } from "../../vitest.shared.ts";
import { enginesToTest } from "../../test-shared/browsers/index.mjs";
import { pageEngines } from "./test/e2e/pageEngines.ts";

// A page none of whose engines is tested (SESSIONID_ENGINES) has no test: its file is left out.
const untested = Object.entries(pageEngines)
  .filter(([, engines]) => !engines.some((engine) => enginesToTest().includes(engine)))
  .map(([page]) => `test/e2e/${page}.test.ts`);

export default defineConfig({
  ...sourceConditions,
  test: {
    name: "shop",
    include: ["test/**/*.test.ts"],
    exclude: untested,
    environment: "node",
    // Builds the pages and the server once; the end-to-end files each start their own server.
    globalSetup: ["test/e2e/globalSetup.ts"],
    // Generous: each wait in a scenario may take up to 20 s on a loaded machine.
    testTimeout: 120_000,
    // End-to-end scenarios of one page and engine run three at a time: each opens browser tabs.
    maxConcurrency: 3,
    // Launching Firefox takes 4-8 s, more under load.
    hookTimeout: 120_000,
  },
});
