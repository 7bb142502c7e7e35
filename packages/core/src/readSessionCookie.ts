import { isSessionId } from "./isSessionId.ts";
import { decodeStored, isLater, type StoredSession } from "./storedSession.ts";
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
export const readSessionCookie = (cookieHeader: string | null | undefined, key = "sessionid"): SessionId | null => {
  const prefix = `${encodeURIComponent(key)}=`;
  let latest: StoredSession | undefined;
  for (const cookie of (cookieHeader ?? "").split(/; */)) {
    if (!cookie.startsWith(prefix)) continue;
    let value = cookie.slice(prefix.length);
    try {
      value = decodeURIComponent(value);
    } catch {}
    const stored = decodeStored(value, isSessionId);
    // The latest, as the browser's session picks it (generation, then ID).
    if (isLater(stored, latest)) latest = stored;
  }
  return latest?.id ?? null;
};
