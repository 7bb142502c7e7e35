import { shopApp } from "$lib/server/shopApp";
import type { RequestHandler } from "./$types";

// Every method of every /api/* path goes to the shop's own server code, unchanged.
export const fallback: RequestHandler = ({ request }) => shopApp().fetch(request);
