import { defineConfig } from "tsup";

// One output file per source file (no bundling): dist/index.js only adds the re-export of
// @sessionid/core, and the size check can import the adapter's modules directly. The provider is
// written without JSX (no Solid compiler needed), so plain esbuild builds the package.
export default defineConfig({
  entry: ["src/*.ts"],
  bundle: false,
  format: "esm",
  dts: true,
  clean: true,
  target: "es2022",
});
