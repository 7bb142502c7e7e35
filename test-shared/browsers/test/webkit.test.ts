import { driverScenarios } from "./scenarios.ts";

driverScenarios("webkit");
