import { appScenarios } from "./appScenarios.ts";

// examples/sveltekit: SvelteKit 2 + adapter-node + @sessionid/svelte.
appScenarios("sveltekit", { production: ["chromium", "firefox"], dev: ["chromium"] });
