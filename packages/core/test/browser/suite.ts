// The core's browser suite for one engine: every scenario, in one browser (see harness.ts).
// chromium.test.ts, firefox.test.ts and webkit.test.ts each run it; SESSIONID_ENGINES=firefox
// narrows the engines (the others' describe is skipped as a whole).
import { describe } from "vitest";
import { enginesToTest, type EngineName } from "../../../../test-shared/browsers/index.mjs";
import { backendScenarios } from "./backends.ts";
import { backForwardCacheScenarios } from "./backForwardCache.ts";
import { crossTabScenarios } from "./crossTab.ts";
import { faultScenarios } from "./faults.ts";
import { useEngine } from "./harness.ts";
import { regressionScenarios } from "./regressions.ts";
import { sessionStorageScenarios } from "./sessionStorage.ts";

export function coreBrowserSuite(name: EngineName) {
  const run = enginesToTest().includes(name) ? describe : describe.skip;
  run(name, { timeout: 60_000 }, () => {
    const env = useEngine(name);
    crossTabScenarios(env);
    sessionStorageScenarios(env);
    backendScenarios(env);
    faultScenarios(env);
    backForwardCacheScenarios(env);
    regressionScenarios(env);
  });
}
