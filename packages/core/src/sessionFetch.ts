import type { Session } from "./types.ts";

/** Options of {@link sessionFetch}. */
export interface SessionFetchOptions {
  /** Header that carries the ID. Default `"X-Session-Id"`. */
  header?: string;
  /** The fetch to wrap. Default: the global `fetch` at call time. */
  fetch?: typeof fetch;
}

/**
 * A `fetch` that adds the session ID as a header, waiting for the ID if it is not known yet.
 *
 * @example
 * const api = sessionFetch(session);
 * const cart = await api("/api/cart").then((response) => response.json());
 */
export const sessionFetch =
  (session: Session, options: SessionFetchOptions = {}): typeof fetch =>
  async (input, init) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set(options.header ?? "X-Session-Id", session.get() ?? (await session.ready()));
    return (options.fetch ?? fetch)(input, { ...init, headers });
  };
