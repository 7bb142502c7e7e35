// Builds the pages (dist/client) and the server (dist/server/start.js). Usage: node build.mjs [outDir]
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { build } from "vite";

export async function buildShop(outDir = fileURLToPath(new URL("dist/", import.meta.url)), { quiet = false } = {}) {
  const configFile = fileURLToPath(new URL("vite.config.ts", import.meta.url));
  const logLevel = quiet ? "warn" : "info";
  await build({ configFile, logLevel, build: { outDir: resolve(outDir, "client") } });
  await build({
    configFile,
    logLevel,
    // The server bundles @sessionid/core from source; hono and better-sqlite3 stay external.
    build: { ssr: fileURLToPath(new URL("server/start.ts", import.meta.url)), outDir: resolve(outDir, "server"), emptyOutDir: true },
  });
}

if (process.argv[1] == fileURLToPath(import.meta.url)) await buildShop(process.argv[2]);
