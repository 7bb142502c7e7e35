import { defineConfig } from "vite";
import { sourceConditions } from "../../vitest.shared.ts";

// Uses the packages' TypeScript sources, so the example runs without a build.
export default defineConfig({ ...sourceConditions });
