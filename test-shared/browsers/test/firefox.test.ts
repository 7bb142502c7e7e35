import { driverScenarios } from "./scenarios.ts";

driverScenarios("firefox");
