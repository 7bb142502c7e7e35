// Global setup of the client project: renders test/fixtures/App.tsx on the server, in this Node
// process (no `window`, server builds of solid-js), and hands the markup to the hydration tests.
import { createServer } from "vite";
import solid from "vite-plugin-solid";
import type { TestProject } from "vitest/node";
import { sourceConditions } from "../../../vitest.shared.ts";

/** A valid ID the "server already knows" (passed as initialId). */
export const knownId = "V1StGXR8_Z5jdHi6B-myT";

declare module "vitest" {
  export interface ProvidedContext {
    serverMarkup: { hydrationScript: string; withoutId: string; withInitialId: string; knownId: string };
  }
}

export default async function renderOnServer(project: TestProject) {
  const server = await createServer({
    configFile: false,
    root: import.meta.dirname,
    logLevel: "error",
    plugins: [solid({ ssr: true })],
    ...sourceConditions,
    server: { middlewareMode: true, hmr: false, ws: false },
    appType: "custom",
  });
  try {
    const entry = (await server.ssrLoadModule("./fixtures/serverEntry.tsx")) as typeof import("./fixtures/serverEntry.tsx");
    project.provide("serverMarkup", {
      hydrationScript: entry.generateHydrationScript(),
      withoutId: entry.renderApp(),
      withInitialId: entry.renderApp(knownId),
      knownId,
    });
  } finally {
    await server.close();
  }
}
