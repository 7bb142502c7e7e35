import { shopScenarios } from "./shopScenarios.ts";

shopScenarios("vue");
