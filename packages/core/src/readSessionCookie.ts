import { isSessionId } from "./isSessionId.ts";
import { cookieValues } from "./storage/cookieValues.ts";
import { latestCookieValue } from "./storage/latestCookieValue.ts";
import { decodeStored } from "./storedSession.ts";
import type { SessionId } from "./types.ts";

/**
 * On the server: the session ID from a request's Cookie header, validated, or `null`. Pass the
 * result to the page as `initialId`, never the header itself: the header holds every cookie of
 * the request, HttpOnly ones included, and whatever a server render receives can end up in the
 * page. Reads the value `cookieBackend()` writes (the ID and its generation).
 *
 * @example
 * import { readSessionCookie } from "@sessionid/core/cookie";
 *
 * const initialId = readSessionCookie(request.headers.get("cookie")); // "V1StGXR8_Z5jdHi6B-myT" or null
 */
export const readSessionCookie = (cookieHeader: string | null | undefined, key = "sessionid"): SessionId | null =>
  // The latest, as the browser's session picks it (generation, then ID).
  decodeStored(latestCookieValue(cookieValues(cookieHeader, key)), isSessionId)?.id ?? null;
