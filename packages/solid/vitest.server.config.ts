import solid from "vite-plugin-solid";
import { defineConfig } from "vitest/config";
import { sourceConditions } from "../../vitest.shared.ts";

// Server rendering: Node, no DOM, the server builds of solid-js and solid-js/web, JSX compiled
// to server output. The root config runs it beside vitest.config.ts.
export default defineConfig({
  ...sourceConditions,
  plugins: [solid({ ssr: true })],
  test: {
    name: "solid-server",
    include: ["test/**/*.server.test.{ts,tsx}"],
    environment: "node",
  },
});
