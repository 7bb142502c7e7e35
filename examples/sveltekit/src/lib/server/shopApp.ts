import { env } from "$env/dynamic/private";
import { createShopApp } from "@sessionid/example-shop/app";
import { openShopStore } from "@sessionid/example-shop/store";

let app: ReturnType<typeof createShopApp> | undefined;

/**
 * The shop's own API (a Hono app) over one SQLite store per server process, opened on first
 * use: `vite build` imports every route to analyse it (and prerenders /static), and neither
 * should create a database. The file is `SHOP_DB`, or `data/shop.db` in the app's folder.
 * The store holds carts and log-ins by session ID; no session lives here.
 *
 * @example
 * // src/routes/api/[...path]/+server.ts
 * export const fallback = ({ request }) => shopApp().fetch(request);
 */
export const shopApp = (): ReturnType<typeof createShopApp> => {
  if (!app) {
    const store = openShopStore(env.SHOP_DB || "data/shop.db");
    // adapter-node emits this once the server has stopped taking requests (SIGTERM, SIGINT).
    process.once("sveltekit:shutdown", () => store.close());
    app = createShopApp({ store });
  }
  return app;
};
