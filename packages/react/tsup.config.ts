import { readFile, writeFile } from "node:fs/promises";
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: "esm",
  dts: true,
  clean: true,
  target: "es2022",
  treeshake: true,
  external: ["react", "react/jsx-runtime", "@sessionid/core"],
  // The provider and hooks run on the client: frameworks with Server Components (Next.js App
  // Router) need the directive to render <SessionProvider> from a server component. Added after
  // the build, since tree-shaking drops module-level directives.
  async onSuccess() {
    const file = "dist/index.js";
    await writeFile(file, `"use client";\n${await readFile(file, "utf8")}`);
  },
});
