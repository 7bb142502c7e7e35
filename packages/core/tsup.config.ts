import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/indexedDBBackend.ts", "src/cookieBackend.ts"],
  format: "esm",
  dts: true,
  clean: true,
  target: "es2022",
  treeshake: true,
});
