import { defineConfig } from "vitest/config";
import { sourceConditions } from "../../vitest.shared.ts";

export default defineConfig({
  ...sourceConditions,
  test: {
    name: "shop",
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});
