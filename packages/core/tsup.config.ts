import { defineConfig } from "tsup";

export default defineConfig({
  // messages.ts (development) and messages.production.ts are built beside the entries and chosen
  // by the app's bundler through the "#messages" import condition, so they stay external here.
  entry: ["src/index.ts", "src/indexedDBBackend.ts", "src/cookieBackend.ts", "src/sessionLifetime.ts", "src/messages.ts", "src/messages.production.ts"],
  external: ["#messages"],
  format: "esm",
  dts: true,
  clean: true,
  target: "es2022",
  treeshake: true,
});
