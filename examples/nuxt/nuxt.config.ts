// The Nuxt shop: pages on @sessionid/vue, /api/* from the shop's own server code (server/api).
export default defineNuxtConfig({
  compatibilityDate: "2026-11-01",
  // Devtools inject their own client and warnings into every page; telemetry would phone home.
  devtools: { enabled: false },
  telemetry: false,
  // /static is plain HTML made at build time: no request, so no cookie, so no ID in its markup.
  routeRules: { "/static": { prerender: true } },
  devServer: { host: "127.0.0.1" },
  // The shop's sources import each other with their .ts extensions; the app's types see the
  // server's too (typed $fetch routes), so both configs allow them.
  typescript: { tsConfig: { compilerOptions: { allowImportingTsExtensions: true } } },
  nitro: {
    // A native module: Nitro must load it from node_modules, not bundle it.
    externals: { external: ["better-sqlite3"] },
    typescript: { tsConfig: { compilerOptions: { allowImportingTsExtensions: true } } },
  },
});
