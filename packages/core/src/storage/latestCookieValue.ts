import { isSessionId } from "../isSessionId.ts";
import { decodeStored, isLater } from "../storedSession.ts";

/**
 * Of a cookie's values (`cookieValues`), the one holding the latest session ID (by
 * generation, then ID, as a session picks it), as stored; the first value when none is valid (so
 * the session reports it), `null` when there is none.
 *
 * @example
 * latestCookieValue(["V1StGXR8_Z5jdHi6B-myT.2", "junk"]); // "V1StGXR8_Z5jdHi6B-myT.2"
 */
export const latestCookieValue = (values: string[]): string | null =>
  values.reduce<string | null>(
    (best, value) => (best == null || isLater(decodeStored(value, isSessionId), decodeStored(best, isSessionId)) ? value : best),
    null,
  );
