import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { buildShop } from "../../build.mjs";

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
  project.provide("shopDist", dist);
  return () => rmSync(dist, { recursive: true, force: true });
}
