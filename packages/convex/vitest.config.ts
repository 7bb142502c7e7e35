import { defineConfig } from "vitest/config";
import { sourceConditions } from "../../vitest.shared.ts";

export default defineConfig({
  ...sourceConditions,
  test: {
    name: "convex",
    include: ["test/**/*.test.{ts,tsx}"],
    environment: "jsdom",
    // convex-test loads the function modules through Vite (import.meta.glob), so it must be inlined.
    server: { deps: { inline: ["convex-test"] } },
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
