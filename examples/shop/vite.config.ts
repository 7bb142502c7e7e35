import { fileURLToPath } from "node:url";
import { defineConfig, type PluginOption } from "vite";
import react from "@vitejs/plugin-react";
import vue from "@vitejs/plugin-vue";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import solid from "vite-plugin-solid";
import { sourceConditions } from "../../vitest.shared.ts";

const src = fileURLToPath(new URL("src/", import.meta.url));
/** The home page `src/index.html` and one `src/<page>/index.html` per page. */
const input = {
  index: `${src}index.html`,
  ...Object.fromEntries(["vanilla", "react", "vue", "svelte", "solid"].map((page) => [page, `${src}${page}/index.html`])),
};

/**
 * The pages, built from the workspace packages' TypeScript sources (no package build needed).
 * React and Solid both use .tsx: each JSX plugin only sees its own folder.
 */
export default defineConfig({
  ...sourceConditions,
  root: src,
  base: "/",
  plugins: [
    react({ include: /\/src\/react\/.*\.tsx?$/ }),
    solid({ include: /\/src\/solid\/.*\.tsx?$/ }),
    vue(),
    svelte({ configFile: false }),
  ] as PluginOption[],
  build: {
    outDir: fileURLToPath(new URL("dist/client/", import.meta.url)),
    emptyOutDir: true,
    rollupOptions: { input },
  },
});
