import { shopScenarios } from "./shopScenarios.ts";

shopScenarios("svelte");
