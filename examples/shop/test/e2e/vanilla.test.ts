import { shopScenarios } from "./shopScenarios.ts";

shopScenarios("vanilla");
