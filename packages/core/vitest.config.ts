import { defineConfig } from "vitest/config";
import { sourceConditions } from "../../vitest.shared.ts";

export default defineConfig({
  ...sourceConditions,
  test: {
    name: "core",
    include: ["test/**/*.test.ts"],
    exclude: ["test/browser/**"],
    environment: "jsdom",
  },
});
