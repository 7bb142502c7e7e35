import { appScenarios } from "./appScenarios.ts";

// examples/nuxt: Nuxt 4 + @sessionid/vue through a Nuxt plugin.
appScenarios("nuxt", { production: ["chromium", "firefox"], dev: ["chromium"] });
