import { defineConfig } from "tsup";

export default defineConfig({
  // adapter.ts is its own entry only so that size-limit can measure the adapter apart from the
  // core it re-exports (see the "size-limit" entry in package.json).
  entry: ["src/index.ts", "src/adapter.ts"],
  format: "esm",
  dts: true,
  clean: true,
  target: "es2022",
  treeshake: true,
});
