import { shopScenarios } from "./shopScenarios.ts";

shopScenarios("solid");
