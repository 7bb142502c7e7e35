// The core's size-limit entries bundled from source the way size-limit bundles them (esbuild,
// minified, ESM, the production condition), for the scripts that measure where bytes go.
import { join } from "node:path";
import { build } from "esbuild";

/** What an app with each backend imports, by entry name. */
export const coreEntries = {
  "createSession()": `export { createSession } from "./src/index.ts";`,
  "+ localStorageBackend()": `export { createSession, localStorageBackend } from "./src/index.ts";`,
  "+ indexedDBBackend()": `export { createSession } from "./src/index.ts"; export { indexedDBBackend } from "./src/indexedDBBackend.ts";`,
  "+ cookieBackend()": `export { createSession } from "./src/index.ts"; export { cookieBackend } from "./src/cookieBackend.ts";`,
};

/**
 * Bundles `contents` (an entry of {@link coreEntries}) against packages/core's sources, with a
 * metafile; `plugins` can swap modules.
 *
 * @example
 * const result = await bundleCore(coreEntries["createSession()"]);
 * result.outputFiles[0].contents.length; // minified bytes
 */
export const bundleCore = (contents, plugins = []) =>
  build({
    stdin: { contents, resolveDir: join(import.meta.dirname, "../packages/core"), loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    write: false,
    metafile: true,
    conditions: ["@sessionid/source", "production"],
    plugins,
  });
