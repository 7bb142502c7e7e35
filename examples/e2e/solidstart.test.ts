import { appScenarios } from "./appScenarios.ts";

// examples/solidstart: SolidStart 1 on vinxi + @sessionid/solid.
appScenarios("solidstart", { production: ["chromium", "webkit"], dev: ["chromium"] });
