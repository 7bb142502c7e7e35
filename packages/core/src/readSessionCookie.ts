import { isSessionId } from "./isSessionId.ts";
import { cookieValues } from "./storage/cookieValues.ts";
import { latestCookieValue } from "./storage/latestCookieValue.ts";
import { decodeStored, encodeStored } from "./storedSession.ts";
import type { SessionId } from "./types.ts";

/**
 * On the server: the session ID from a request's Cookie header, validated, or `null`. Pass the
 * result to the page as `initialId`, never the header itself: the header holds every cookie of
 * the request, HttpOnly ones included, and whatever a server render receives can end up in the
 * page. Reads only a value as `cookieBackend()` writes it (the ID and its generation), so a
 * server's own cookie of the same name is never taken for the session's.
 *
 * @example
 * import { readSessionCookie } from "@sessionid/core/cookie";
 *
 * const initialId = readSessionCookie(request.headers.get("cookie")); // "V1StGXR8_Z5jdHi6B-myT" or null
 */
export const readSessionCookie = (cookieHeader: string | null | undefined, key = "sessionid"): SessionId | null => {
  // Only a value as cookieBackend writes it, the ID and its generation: another cookie of the
  // name must never reach the page (Django's HttpOnly session cookie is called sessionid too,
  // and its key looks like an ID).
  const ours = cookieValues(cookieHeader, key).filter((value) => {
    const stored = decodeStored(value, isSessionId);
    return !!stored && encodeStored(stored) == value;
  });
  // The latest, as the browser's session picks it (generation, then ID).
  return decodeStored(latestCookieValue(ours), isSessionId)?.id ?? null;
};
