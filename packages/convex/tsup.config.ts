import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/server.ts", "src/browser.ts", "src/react.ts"],
  format: "esm",
  dts: true,
  clean: true,
  target: "es2022",
  treeshake: true,
  external: ["convex", "react", /^@sessionid\//],
});
