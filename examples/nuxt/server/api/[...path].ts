import { createShopApp } from "@sessionid/example-shop/app";
import { openShopStore } from "@sessionid/example-shop/store";

// One store per server process; Nitro loads this handler on the first /api request.
const shop = createShopApp({ store: openShopStore(process.env.SHOP_DB ?? "data/shop.db") });

// Every /api/* request goes to the shop's own Hono app, as a web Request.
export default defineEventHandler((event) => shop.fetch(toWebRequest(event)));
