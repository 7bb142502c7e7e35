import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { buildShop } from "../../build.mjs";
import { captureScriptTag } from "../../../../test-shared/browsers/index.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** A fresh build of the shop (client pages and server), made once for the whole run. */
    shopDist: string;
  }
}

export default async function setup(project: TestProject) {
  // Inside examples/shop, so the built server resolves hono and better-sqlite3 from node_modules.
  const parent = fileURLToPath(new URL("../../.e2e/", import.meta.url));
  mkdirSync(parent, { recursive: true });
  const dist = mkdtempSync(join(parent, "dist-"));
  await buildShop(dist, { quiet: true });
  addCapture(join(dist, "client"));
  project.provide("shopDist", dist);
  return () => rmSync(dist, { recursive: true, force: true });
}

/**
 * Puts the browser driver's uncaught-error capture first in every built page, so `tab.uncaught()`
 * sees errors thrown while a page loads in every engine (WebKit has no init scripts, and
 * Firefox none for a popup's first document). The test build only: the shop itself is unchanged.
 */
function addCapture(clientDir: string) {
  for (const entry of readdirSync(clientDir, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith(".html")) continue;
    const file = join(clientDir, entry);
    const html = readFileSync(file, "utf8");
    if (!html.includes("<head>")) throw new Error(`${entry} has no <head> for the uncaught capture`);
    writeFileSync(file, html.replace("<head>", `<head>${captureScriptTag}`));
  }
}
