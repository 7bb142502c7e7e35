import { adapterScenarios } from "../../../test-shared/adapterScenarios.ts";
import { solidHarness } from "./harness.tsx";

adapterScenarios("solid", solidHarness);
