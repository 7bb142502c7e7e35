import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createShopApp } from "./createShopApp.ts";
import { openShopStore } from "./openShopStore.ts";

// This file is bundled to dist/server/start.js; the pages are built beside it in dist/client.
const clientDir = fileURLToPath(new URL("../client/", import.meta.url));
const dbFile = process.env.SHOP_DB ?? fileURLToPath(new URL("../../data/shop.db", import.meta.url));
const port = Number(process.env.PORT ?? 3000);

const store = openShopStore(dbFile);
const server = serve({ fetch: createShopApp({ store, clientDir }).fetch, hostname: "127.0.0.1", port }, (info) => {
  console.log(`Shop running at http://127.0.0.1:${info.port}/`);
});

const stop = () => {
  server.close(() => {
    store.close();
    process.exit(0);
  });
  // Open keep-alive connections would hold close() up: end them.
  if ("closeAllConnections" in server) server.closeAllConnections();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
