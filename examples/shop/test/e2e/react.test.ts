import { shopScenarios } from "./shopScenarios.ts";

// The engines: pageEngines.ts.
shopScenarios("react");
