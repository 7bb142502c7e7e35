import { fileURLToPath } from "node:url";
import { sveltekit } from "@sveltejs/kit/vite";
import { defineConfig } from "vite";

export default defineConfig(({ command }) => ({
  plugins: [sveltekit()],
  // The dev server keeps the contract every example app keeps: 127.0.0.1, port PORT.
  server: { host: "127.0.0.1", port: Number(process.env.PORT) || 5173, strictPort: true },
  // The shop's server code (a workspace package of .ts sources) is compiled into the server
  // bundle. better-sqlite3, a native addon it imports, stays external: the dev server loads it
  // from the shop's node_modules by itself, the built server through betterSqlite3.ts.
  ssr: { external: ["better-sqlite3"] },
  resolve: {
    alias:
      command == "build"
        ? [{ find: /^better-sqlite3$/, replacement: fileURLToPath(new URL("src/lib/server/betterSqlite3.ts", import.meta.url)) }]
        : [],
  },
}));
