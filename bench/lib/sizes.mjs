// Figure 1: bundle size. Each entry is what an app writes (`import { … } from "…"`), bundled by
// esbuild as an app's build would: minified, tree-shaken, ESM, browser platform. Our packages are
// read from their TypeScript sources through the "@sessionid/source" export condition (the code
// tsup ships, without needing a build); frameworks and convex are external, as in an app they
// are shared with the rest of it. Gzip is zlib level 9.
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { build, transform } from "esbuild";
import { compileModule } from "svelte/compiler";

const bench = new URL("..", import.meta.url).pathname;

// Svelte rune modules (`*.svelte.ts` / `*.svelte.js`) are compiled by the app's Svelte plugin;
// do the same here so the figure is what ships.
const svelteModules = {
  name: "svelte-modules",
  setup(b) {
    b.onLoad({ filter: /\.svelte\.(ts|js)$/ }, async ({ path }) => {
      let code = await readFile(path, "utf8");
      if (path.endsWith(".ts")) code = (await transform(code, { loader: "ts" })).code;
      return { contents: compileModule(code, { filename: path, generate: "client", dev: false }).js.code, loader: "js" };
    });
  },
};

const react = ["react", "react-dom", "react/jsx-runtime"];
const convex = ["convex", "convex/*"];

/** What each row imports; `external` never counts. */
export const sizeEntries = [
  { id: "core", label: "core: createSession (sessionStorage)", code: `export { createSession } from "@sessionid/core";` },
  {
    id: "core+indexeddb",
    label: "core + IndexedDB backend",
    code: `export { createSession } from "@sessionid/core"; export { indexedDBBackend } from "@sessionid/core/indexeddb";`,
  },
  {
    id: "core+cookie",
    label: "core + cookie backend",
    code: `export { createSession } from "@sessionid/core"; export { cookieBackend } from "@sessionid/core/cookie";`,
  },
  {
    id: "react",
    label: "@sessionid/react + core",
    code: `export { SessionProvider, useSession, useSessionId, useSessionArgs, useSessionFn } from "@sessionid/react";`,
    external: react,
  },
  {
    id: "vue",
    label: "@sessionid/vue + core",
    code: `export { sessionPlugin, provideSession, useSession, useSessionId, useSessionArgs, useSessionFn } from "@sessionid/vue";`,
    external: ["vue"],
  },
  {
    id: "svelte",
    label: "@sessionid/svelte + core",
    code: `export { setSessionContext, useSession, useSessionId, useSessionArgs, useSessionFn, sessionIdStore } from "@sessionid/svelte";`,
    external: ["svelte", "svelte/*"],
  },
  {
    id: "solid",
    label: "@sessionid/solid + core",
    code: `export { SessionProvider, useSession, useSessionId, useSessionArgs, useSessionFn } from "@sessionid/solid";`,
    external: ["solid-js", "solid-js/*"],
  },
  {
    id: "convex-react",
    label: "@sessionid/convex/react + react adapter + core",
    code: `export { SessionProvider, useSessionId, useSessionIdArg, useSessionQuery, useSessionMutation, useSessionAction, useSessionPaginatedQuery } from "@sessionid/convex/react";`,
    external: [...react, ...convex],
  },
  {
    id: "anchor",
    label: "convex-helpers/react/sessions (anchor)",
    code: `export { SessionProvider, useSessionId, useSessionIdArg, useSessionQuery, useSessionMutation, useSessionAction, useSessionPaginatedQuery } from "convex-helpers/react/sessions";`,
    external: [...react, ...convex],
  },
];

export async function measureSizes() {
  const results = {};
  for (const entry of sizeEntries) {
    const out = await build({
      stdin: { contents: entry.code, resolveDir: bench, loader: "js", sourcefile: `${entry.id}.js` },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      // "production": an app's production build, which gets core's short messages (codes), as
      // size-limit measures the built packages; without it the development messages were counted.
      conditions: ["@sessionid/source", "production"],
      external: entry.external ?? [],
      plugins: [svelteModules],
      legalComments: "none",
      write: false,
      logLevel: "silent",
    });
    const bytes = out.outputFiles[0].contents;
    results[entry.id] = { label: entry.label, minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }
  return results;
}
