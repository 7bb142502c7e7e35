// examples/sveltekit/src/routes/cookie/+page.server.ts
import { readSessionCookie } from "@sessionid/core/cookie";
import type { PageServerLoad } from "./$types";

// Whatever load returns is serialised into the page: the validated ID (or null), never the
// Cookie header or the cookies object.
export const load: PageServerLoad = ({ request }) => ({
  sessionId: readSessionCookie(request.headers.get("cookie"), "shop"),
});
