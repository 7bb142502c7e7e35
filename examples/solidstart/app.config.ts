// examples/solidstart/app.config.ts
import { fileURLToPath } from "node:url";
import { defineConfig } from "@solidjs/start/config";

export default defineConfig({
  server: {
    preset: "node-server",
    // /static is plain HTML made at build time; it hydrates and then reads the cookie in the browser.
    prerender: { routes: ["/static"] },
    // better-sqlite3 is a native module (a dependency of the shop's store): Nitro must leave it to
    // Node, find it where the shop installed it, and copy it into .output/server/node_modules.
    externals: { external: ["better-sqlite3"] },
    nodeModulesDirs: [fileURLToPath(new URL("../shop/node_modules", import.meta.url))],
  },
  // The shop's server code is TypeScript that Vite compiles into the server bundle, all but the
  // native module.
  vite: { ssr: { external: ["better-sqlite3"] } },
});
