import { shopScenarios } from "./shopScenarios.ts";

shopScenarios("react");
