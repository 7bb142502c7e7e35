import { driverScenarios } from "./scenarios.ts";

driverScenarios("chromium");
