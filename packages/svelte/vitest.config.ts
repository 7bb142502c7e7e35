import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { defineConfig } from "vitest/config";
import { sourceConditions } from "../../vitest.shared.ts";

export default defineConfig({
  ...sourceConditions,
  plugins: [svelte({ configFile: false }), svelteTesting()],
  test: {
    name: "svelte",
    include: ["test/**/*.test.ts", "test/**/*.test.svelte.ts"],
    environment: "jsdom",
  },
});
