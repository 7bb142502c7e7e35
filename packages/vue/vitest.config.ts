import { defineConfig } from "vitest/config";
import { sourceConditions } from "../../vitest.shared.ts";

export default defineConfig({
  ...sourceConditions,
  test: {
    name: "vue",
    include: ["test/**/*.test.ts"],
    environment: "jsdom",
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
