import { appScenarios } from "./appScenarios.ts";

// examples/next: Next.js 16 App Router + @sessionid/react.
appScenarios("next", { production: ["chromium", "webkit"], dev: ["chromium"] });
