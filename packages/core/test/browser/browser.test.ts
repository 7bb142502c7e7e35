// The core's real-browser suite: every scenario once, run in Chromium, Firefox ESR and WebKitGTK
// side by side (a test per engine, named after it). SESSIONID_ENGINES=firefox,webkit narrows the
// engines. See harness.ts for the setup.
import { enginesToTest } from "../../../../test-shared/browsers/index.mjs";
import { backendScenarios } from "./backends.ts";
import { backForwardCacheScenarios } from "./backForwardCache.ts";
import { crossTabScenarios } from "./crossTab.ts";
import { faultScenarios } from "./faults.ts";
import { useEngines } from "./harness.ts";
import { lifetimeScenarios } from "./lifetime.ts";
import { regressionScenarios } from "./regressions.ts";
import { sessionStorageScenarios } from "./sessionStorage.ts";

const scenario = useEngines(enginesToTest());
crossTabScenarios(scenario);
sessionStorageScenarios(scenario);
backendScenarios(scenario);
faultScenarios(scenario);
backForwardCacheScenarios(scenario);
regressionScenarios(scenario);
lifetimeScenarios(scenario);
