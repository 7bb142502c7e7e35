import { resolve } from "node:path";
import { createShopApp } from "@sessionid/example-shop/app";
import { openShopStore } from "@sessionid/example-shop/store";

let app: ReturnType<typeof createShopApp> | undefined;

/**
 * The shop's Hono app over one SQLite store per server process (`SHOP_DB`, default
 * `data/shop.db` in the app's folder). Opened on the first API request, so a build that only
 * prerenders pages never touches the database.
 *
 * @example
 * const response = await shopApp().fetch(request); // answers /api/*
 */
export const shopApp = () => (app ??= createShopApp({ store: openShopStore(resolve(process.env.SHOP_DB ?? "data/shop.db")) }));
