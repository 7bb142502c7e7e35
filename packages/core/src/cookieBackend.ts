import { browserScope } from "./browserScope.ts";
import { isSessionId } from "./isSessionId.ts";
import { broadcast } from "./storage/broadcast.ts";
import { cookieValues } from "./storage/cookieValues.ts";
import { latestCookieValue } from "./storage/latestCookieValue.ts";
import { decodeStored } from "./storedSession.ts";
import type { StorageBackend } from "./types.ts";

export { readSessionCookie } from "./readSessionCookie.ts";

/** Options of {@link cookieBackend}. */
export interface CookieBackendOptions {
  /** Cookie path. Default `"/"`. */
  path?: string;
  /** Cookie domain. Default: none (this host only). */
  domain?: string;
  /**
   * Default `"lax"`: the cookie comes along when a visitor arrives from another site (a search
   * result, webmail, an OAuth redirect), so the server can render the ID. `"strict"` hides it on
   * every such arrival. Mutations must carry the ID in a header or argument, never by the cookie alone.
   */
  sameSite?: "strict" | "lax" | "none";
  /** Default: on for https pages, off for http so `http://localhost` works. */
  secure?: boolean;
  /** Lifetime in seconds. Default one year (browsers cap it at 400 days). */
  maxAge?: number;
}

/**
 * Keeps the ID in a client cookie, shared by every tab and readable by the server, so a server
 * render can show the same ID as the browser: the server reads it with `readSessionCookie` and
 * passes it as `initialId`. Defaults are the defensive ones: `Path=/`, `SameSite=Lax`, `Secure`
 * on https, a `Max-Age`. Import it from `@sessionid/core/cookie`.
 *
 * @example
 * import { cookieBackend, readSessionCookie } from "@sessionid/core/cookie";
 *
 * // on the server: only the session cookie's value, never the whole Cookie header
 * const initialId = readSessionCookie(request.headers.get("cookie"));
 * // in the browser (and in the server render, with the same initialId)
 * createSession({ storage: cookieBackend(), initialId });
 */
export const cookieBackend = (options: CookieBackendOptions = {}): StorageBackend => {
  const { path = "/", domain, sameSite = "lax", maxAge = 31536000 } = options;
  const all = (name: string) => {
    if (typeof navigator < "u" && navigator.cookieEnabled === false) throw new Error("Cookies are disabled in this browser.");
    return cookieValues(typeof document < "u" ? document.cookie : "", name);
  };
  const write = (name: string, value: string, age: number) => {
    const secure = options.secure ?? location.protocol == "https:";
    document.cookie =
      `${encodeURIComponent(name)}=${encodeURIComponent(value)}; Path=${path}; Max-Age=${age}; SameSite=${sameSite}` +
      (domain ? `; Domain=${domain}` : "") +
      (secure ? "; Secure" : "");
  };
  const channel = broadcast("sessionid-cookie");
  // Of several cookies with our name (set on other paths), the latest session ID.
  const get = (key: string) => latestCookieValue(all(key));

  return {
    scope: browserScope,
    get,
    set(key, value) {
      write(key, value, maxAge);
      // Blocked cookies are often dropped without an error: check that the browser kept it. If
      // another tab wrote the cookie in between, our value is gone for a good reason: a probe
      // cookie only this call writes, with the same attributes, tells the two apart.
      if (!all(key).includes(value)) {
        const probe = `${key}-probe-${Math.floor(performance.now() * 1e3)}`;
        write(probe, "1", maxAge);
        const kept = all(probe).length > 0;
        write(probe, "", 0);
        if (!kept) throw new Error("The browser did not keep the cookie (blocked, or rejected attributes).");
        // Cookies are kept, yet no session's value is there: not another tab's write but a
        // cookie of this name the page cannot see, which refuses ours (HttpOnly, the server's:
        // Django's is called sessionid). Written once more first: a removal may have come between.
        if (!all(key).some((other) => decodeStored(other, isSessionId))) {
          write(key, value, maxAge);
          if (!all(key).includes(value))
            throw new Error("An HttpOnly (or, on http, Secure) cookie of this name refuses the write: choose another key.");
        }
      }
      channel.post(key, value);
    },
    remove(key) {
      write(key, "", 0);
      channel.post(key, null);
    },
    subscribe(key, onChange) {
      const stopChannel = channel.subscribe(key, onChange);
      // The channel's message can arrive before this document's cookies show the change: Firefox
      // relays another process's cookie write to this one later, even after this tab's own newer
      // write (which it then overwrites here). cookieStore's change event tells when this
      // document's cookies really changed, also by the server, expiry or devtools, which no tab
      // announces; its value is then read like any other.
      const store = typeof cookieStore == "object" ? cookieStore : undefined;
      const onCookie = (event: Event) => {
        const { changed = [], deleted = [] } = event as CookieChangeEvent;
        if ([...changed, ...deleted].some((cookie) => cookie.name == encodeURIComponent(key))) onChange(get(key));
      };
      store?.addEventListener("change", onCookie);
      return () => {
        stopChannel();
        store?.removeEventListener("change", onCookie);
      };
    },
  };
};
