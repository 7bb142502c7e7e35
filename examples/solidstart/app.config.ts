import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defineConfig } from "@solidjs/start/config";

// better-sqlite3 is a native module and a dependency of the shop's store, not of this app: found
// from the store's real location, so a copy of this folder elsewhere still finds it.
const shopStore = createRequire(import.meta.url).resolve("@sessionid/example-shop/store");
const shopModules = join(dirname(shopStore), "..", "node_modules");

export default defineConfig({
  server: {
    preset: "node-server",
    // /static is plain HTML made at build time; it hydrates and then reads the cookie in the browser.
    prerender: { routes: ["/static"] },
    // Nitro leaves better-sqlite3 to Node and copies it (with its .node binary) into
    // .output/server/node_modules, from where the shop installed it.
    externals: { external: ["better-sqlite3"] },
    nodeModulesDirs: [shopModules],
  },
  // The shop's server code is TypeScript that Vite compiles into the server bundle, all but the
  // native module (bundled, it crashes on `__filename`).
  vite: { ssr: { external: ["better-sqlite3"] } },
});
