import { readFile, writeFile } from "node:fs/promises";
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/server.ts", "src/browser.ts", "src/react.ts"],
  format: "esm",
  dts: true,
  clean: true,
  target: "es2022",
  treeshake: true,
  external: ["convex", "react", /^@sessionid\//],
  // The React hooks run on the client: Server Components frameworks (Next.js App Router) need the
  // directive, as convex-helpers' module has it. Added after the build, since tree-shaking drops
  // module-level directives. Only the react entry: server and browser stay plain.
  async onSuccess() {
    const file = "dist/react.js";
    await writeFile(file, `"use client";\n${await readFile(file, "utf8")}`);
  },
});
