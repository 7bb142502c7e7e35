import solid from "vite-plugin-solid";
import { defaultClientConditions } from "vite";
import { defineConfig } from "vitest/config";

// Solid ships a browser build, a development build and a server build, chosen by export
// conditions. Setting conditions replaces Vite's defaults, so they are listed again after
// "@sessionid/source" (see ../../vitest.shared.ts). `ssr: true` makes the client JSX hydratable,
// so it can hydrate what the server renders (test/renderOnServer.ts). Server rendering has its
// own project, vitest.server.config.ts ("solid-server").

export default defineConfig({
  plugins: [solid({ ssr: true })],
  resolve: { conditions: ["@sessionid/source", "browser", "development", ...defaultClientConditions] },
  test: {
    name: "solid",
    include: ["test/**/*.test.{ts,tsx}"],
    exclude: ["test/**/*.server.test.{ts,tsx}"],
    environment: "jsdom",
    globalSetup: ["test/renderOnServer.ts"],
    // Loaded by Vite, not by Node, so the conditions above pick the browser builds.
    server: { deps: { inline: [/solid-js/, /@solidjs\/testing-library/] } },
  },
});
