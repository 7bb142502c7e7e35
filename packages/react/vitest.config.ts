import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { sourceConditions } from "../../vitest.shared.ts";

export default defineConfig({
  ...sourceConditions,
  plugins: [react()],
  test: {
    name: "react",
    include: ["test/**/*.test.{ts,tsx}"],
    environment: "jsdom",
    provide: { reactMajor: 19 },
  },
});
