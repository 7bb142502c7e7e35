import { defineConfig } from "vitest/config";
import { sourceConditions } from "../vitest.shared.ts";

// The README examples: type-checked against the workspace's types, and the log-in examples run.
export default defineConfig({
  ...sourceConditions,
  test: {
    name: "docs",
    root: import.meta.dirname,
    include: ["*.test.ts"],
    environment: "jsdom",
    testTimeout: 60_000,
  },
});
