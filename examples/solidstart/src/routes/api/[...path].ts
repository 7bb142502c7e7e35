// examples/solidstart/src/routes/api/[...path].ts
import type { APIEvent } from "@solidjs/start/server";
import { shopApp } from "~/server/shopApp";

// Every /api/* request goes to the shop's own Hono app, which reads the session ID from the
// X-Session-Id header or the JSON body (never from the cookie alone).
const handle = ({ request }: APIEvent) => shopApp().fetch(request);

export const GET = handle;
export const POST = handle;
export const DELETE = handle;
