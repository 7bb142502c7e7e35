// examples/next/app/api/[...path]/route.ts
import { join } from "node:path";
import { createShopApp } from "@sessionid/example-shop/app";
import { openShopStore } from "@sessionid/example-shop/store";

// One store per server process, opened on the first request (not while `next build` loads this module).
let app: ReturnType<typeof createShopApp> | undefined;
const shop = () => (app ??= createShopApp({ store: openShopStore(process.env.SHOP_DB ?? join(process.cwd(), "data", "shop.db")) }));

/** Every /api/* request goes to the shop's own Hono app, which reads the ID from X-Session-Id or the body. */
const handle = (request: Request) => shop().fetch(request);

export { handle as GET, handle as POST, handle as DELETE };
