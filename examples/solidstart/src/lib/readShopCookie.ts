// examples/solidstart/src/lib/readShopCookie.ts
import { query } from "@solidjs/router";
import { getRequestEvent } from "solid-js/web";
import { readSessionCookie } from "@sessionid/core/cookie";

/**
 * The ID in the request's `shop` cookie, or `null`: read on the server, per request. Only this
 * ID reaches the page (SolidStart serialises the answer for hydration), never the Cookie header.
 *
 * @example
 * const initialId = createAsync(() => readShopCookie(), { deferStream: true });
 */
export const readShopCookie = query(async () => {
  "use server";
  return readSessionCookie(getRequestEvent()?.request.headers.get("cookie"), "shop");
}, "shop-cookie");
