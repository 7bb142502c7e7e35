import { warn } from "#messages";
import { failWith } from "./failWith.ts";
import { idForRequest } from "./idForRequest.ts";
import type { Session } from "./types.ts";

/** Options of {@link sessionFetch}. */
export interface SessionFetchOptions {
  /** Header that carries the ID. Default `"X-Session-Id"`. */
  header?: string;
  /** The fetch to wrap. Default: the global `fetch` at call time. */
  fetch?: typeof fetch;
  /**
   * Whether a response says the server ended the session (`(response) => response.status == 440`,
   * say). Then the session rotates (once across tabs) and the call rejects with `session-ended`.
   * Needs a session with a lifetime (`@sessionid/core/lifetime`): without one the response is
   * returned as it is, and a development build warns when the helper is made.
   */
  ended?: (response: Response) => boolean;
}

/**
 * A `fetch` that adds the session ID as a header, waiting for the ID if it is not known yet (and,
 * for a session with a lifetime, checking it has not expired first). A `mode: "no-cors"` request,
 * which cannot carry the header, rejects with `invalid-argument`.
 *
 * @example
 * const api = sessionFetch(session, { ended: (response) => response.status == 440 });
 * const cart = await api("/api/cart").then((response) => response.json());
 */
export const sessionFetch = (session: Session, options: SessionFetchOptions = {}): typeof fetch => {
  if (options.ended && !session.end) warn("ended");
  return async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    // A no-cors request cannot carry the header: the browser would drop it without a word.
    if ((init?.mode ?? request?.mode) == "no-cors") return failWith("invalid-argument", "no-cors");
    const headers = new Headers(init?.headers ?? request?.headers);
    const sent = await idForRequest(session);
    headers.set(options.header ?? "X-Session-Id", sent);
    // An init beside a Request resets its referrer and referrerPolicy: carried over, unless the
    // app's init says otherwise.
    const kept = request && { referrer: request.referrer, referrerPolicy: request.referrerPolicy };
    const response = await (options.fetch ?? fetch)(input, { ...kept, ...init, headers });
    const ended = options.ended?.(response) && (await session.end?.(sent));
    if (ended) throw ended;
    return response;
  };
};
