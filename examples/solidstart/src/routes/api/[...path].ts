import type { APIEvent } from "@solidjs/start/server";
import { shopApp } from "~/server/shopApp";

/**
 * Every /api/* request goes to the shop's own Hono app, which reads the session ID from the
 * X-Session-Id header or the JSON body (never from the cookie alone). SolidStart finds API
 * handlers by these named exports (an `export { handle as GET }` list is not picked up).
 *
 * @example
 * await fetch("/api/cart", { headers: { "X-Session-Id": sessionId } }); // { user, items }
 */
const handle = ({ request }: APIEvent) => shopApp().fetch(request);

export const GET = handle;
export const POST = handle;
export const DELETE = handle;
