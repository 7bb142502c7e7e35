import { isSessionId } from "./isSessionId.ts";
import { broadcast } from "./storage/broadcast.ts";
import type { StorageBackend } from "./types.ts";

/** Options of {@link cookieBackend}. */
export interface CookieBackendOptions {
  /** Cookie path. Default `"/"`. */
  path?: string;
  /** Cookie domain. Default: none (this host only). */
  domain?: string;
  /** Default `"strict"`: the cookie is never sent on cross-site requests. */
  sameSite?: "strict" | "lax" | "none";
  /** Default: on for https pages, off for http so `http://localhost` works. */
  secure?: boolean;
  /** Lifetime in seconds. Default one year (browsers cap it at 400 days). */
  maxAge?: number;
  /** On the server: the request's Cookie header, so a server render shows the browser's ID. */
  cookieHeader?: () => string | null | undefined;
}

const decode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/**
 * Keeps the ID in a client cookie, shared by every tab and readable by the server, so a server
 * render can show the same ID as the browser. Defaults are the defensive ones: `Path=/`,
 * `SameSite=Strict`, `Secure` on https, a `Max-Age`. Import it from `@sessionid/core/cookie`.
 *
 * @example
 * import { cookieBackend } from "@sessionid/core/cookie";
 *
 * // in the browser
 * createSession({ storage: cookieBackend() });
 * // in a server render: the same ID as the browser
 * createSession({ storage: cookieBackend({ cookieHeader: () => request.headers.get("cookie") }) });
 */
export const cookieBackend = (options: CookieBackendOptions = {}): StorageBackend => {
  const { path = "/", domain, sameSite = "strict", maxAge = 31536000, cookieHeader } = options;
  // Every value under the name: two cookies of one name (set on different paths) both show up.
  const all = (key: string) => {
    if (typeof navigator < "u" && navigator.cookieEnabled === false) throw new Error("Cookies are disabled in this browser.");
    const prefix = `${encodeURIComponent(key)}=`;
    return (typeof document < "u" ? document.cookie : (cookieHeader?.() ?? ""))
      .split(/; */)
      .filter((cookie) => cookie.startsWith(prefix))
      .map((cookie) => decode(cookie.slice(prefix.length)));
  };
  // Of several, prefer one that is an ID.
  const get = (key: string) => {
    const values = all(key);
    return values.find(isSessionId) ?? values[0] ?? null;
  };
  const channel = broadcast("sessionid-cookie");

  const write = (key: string, value: string, age: number) => {
    const secure = options.secure ?? location.protocol == "https:";
    document.cookie =
      `${encodeURIComponent(key)}=${encodeURIComponent(value)}; Path=${path}; Max-Age=${age}; SameSite=${sameSite}` +
      (domain ? `; Domain=${domain}` : "") +
      (secure ? "; Secure" : "");
  };

  return {
    scope: "browser",
    ssr: true,
    get,
    set(key, value) {
      write(key, value, maxAge);
      // Blocked cookies are often dropped without an error: check that the browser kept it.
      if (!all(key).includes(value)) throw new Error("The browser did not keep the cookie (blocked, or rejected attributes).");
      channel.post(key, value);
    },
    remove(key) {
      write(key, "", 0);
      channel.post(key, null);
    },
    subscribe: channel.subscribe,
  };
};
