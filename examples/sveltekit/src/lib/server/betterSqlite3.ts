import { createRequire } from "node:module";

/**
 * better-sqlite3, loaded at run time from where the shop package resolves it. It is a native
 * addon, so it cannot be bundled; and it is the shop's dependency, not this app's, so a bare
 * import from the built server (build/, outside the shop's folder) would not find it. The
 * production build aliases `better-sqlite3` to this module (vite.config.ts).
 *
 * @example
 * import Database from "better-sqlite3"; // in the shop's openShopStore.ts, built with the alias
 */
// Typed by the shop's own import of it; this app has no types of its own for it.
const Database: unknown = createRequire(import.meta.resolve("@sessionid/example-shop/store"))("better-sqlite3");
export default Database;
