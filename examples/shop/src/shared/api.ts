import { sessionFetch, type BeforeCommit, type Session, type SessionId } from "@sessionid/core";
import type { Cart } from "./catalog.ts";

/** An answer from the shop API that was not a success; `message` is the server's explanation. */
export class ShopApiError extends Error {
  override name = "ShopApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const request = async <T>(fetcher: typeof fetch, path: string, init: RequestInit = {}): Promise<T> => {
  let response: Response;
  try {
    response = await fetcher(path, init);
  } catch {
    throw new ShopApiError(0, "offline", "The shop server cannot be reached: is it running?");
  }
  // An error answer may have no JSON body; a success must (Firefox aborts a body that is still
  // arriving when the page is left, and {} is no cart).
  const body = await response.json().catch(() => {
    if (response.ok) throw new ShopApiError(0, "unreadable", "The server's answer could not be read; try again.");
    return {};
  });
  if (!response.ok)
    throw new ShopApiError(response.status, body.code ?? "unknown", body.error ?? `The server answered ${response.status}.`);
  return body as T;
};

const post = (body: object, sessionId?: SessionId): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/json", ...(sessionId ? { "X-Session-Id": sessionId } : {}) },
  body: JSON.stringify(body),
});

// Calls that take the ID as an argument: pages pass the ID from `useSessionArgs`, or wrap them
// with `useSessionFn` / `withSessionId`, which add `sessionId` at call time.

/** The cart of a session (and who is logged in on it). */
export const fetchCart = ({ sessionId }: { sessionId: SessionId }): Promise<Cart> =>
  request(fetch, "/api/cart", { headers: { "X-Session-Id": sessionId } });

/** Adds one of a product to the cart; the session ID travels in the body as `sessionId`. */
export const addItem = (args: { sessionId: SessionId; productId: string }): Promise<Cart> =>
  request(fetch, "/api/cart/items", post(args));

// Calls that carry the current ID in the X-Session-Id header, added by `sessionFetch`.

/**
 * The calls whose session is simply "the current one": `sessionFetch` adds the header.
 *
 * @example
 * const api = shopApi(useSession());
 * await api.removeItem("socks");
 */
export const shopApi = (session: Session) => {
  // A 410 says the server ended the session: it rotates (once across tabs) and the call rejects.
  const withSession = sessionFetch(session, { ended: (response) => response.status == 410 });
  return {
    removeItem: (productId: string): Promise<Cart> =>
      request(withSession, `/api/cart/items/${encodeURIComponent(productId)}`, { method: "DELETE" }),
    /** Ends every session of the logged-in user, on every device. */
    endAllSessions: (): Promise<{ ended: number }> => request(withSession, "/api/sessions/end-all", post({})),
  };
};

// Calls made inside `refresh(beforeCommit)`: the IDs come from the callback, because the new
// one is not committed (nor sent by sessionFetch) until the callback succeeds.

const previousOf = (previous: SessionId | undefined) => {
  if (!previous) throw new Error("There is no current session to move from yet; try again in a moment.");
  return previous;
};

/**
 * A `refresh` callback that logs `name` in: the server moves the cart from `previous` to `next`
 * before the client commits `next`. If it fails, the tab keeps its current ID and cart.
 *
 * @example
 * await refresh(logInAs("alice"));
 */
export const logInAs =
  (name: string): BeforeCommit =>
  (next, previous) =>
    request(fetch, "/api/login", post({ name, nextSessionId: next }, previousOf(previous)));

/**
 * A `refresh` callback that logs out: the server deletes everything of `previous`; nothing
 * moves to `next`, so the tab starts clean.
 *
 * @example
 * await refresh(logOut);
 */
export const logOut: BeforeCommit = (_next, previous) => request(fetch, "/api/logout", post({}, previousOf(previous)));

/** What {@link watchCart} reports. */
export interface CartWatcher {
  onCart(cart: Cart): void;
  /**
   * The server ended this session (410): `session.end(sent)` rotates away from it, once across
   * tabs (a tab that finds it rotated already just follows). Called once.
   */
  onEnded(sent: SessionId): void;
  onError(error: ShopApiError): void;
}

/**
 * Reads the session's cart now, every two seconds and whenever the tab regains focus, so a tab
 * sees changes made elsewhere (another tab on the same ID, "end all sessions"). Returns a stop
 * function; answers that arrive after it are dropped.
 *
 * @example
 * useEffect(() => (args == "skip" ? undefined : watchCart(args, { onCart: setCart, onEnded: (sent) => session.end!(sent), onError })), [args]);
 */
export const watchCart = (args: { sessionId: SessionId }, watcher: CartWatcher): (() => void) => {
  let stopped = false;
  // Reads can overlap (poll, focus): only the newest answer counts, so an older cart never
  // replaces a newer one.
  let asked = 0;
  let applied = 0;
  const read = () => {
    const mine = ++asked;
    return fetchCart(args).then(
      (cart) => stopped || mine < applied || ((applied = mine), watcher.onCart(cart)),
      (error: ShopApiError) => {
        if (stopped) return;
        if (error.status == 410) stop(), watcher.onEnded(args.sessionId);
        else watcher.onError(error);
      },
    );
  };
  const onVisible = () => document.visibilityState == "visible" && read();
  const timer = setInterval(read, 2000);
  addEventListener("focus", read);
  document.addEventListener("visibilitychange", onVisible);
  const stop = () => {
    stopped = true;
    clearInterval(timer);
    removeEventListener("focus", read);
    document.removeEventListener("visibilitychange", onVisible);
  };
  read();
  return stop;
};

/** The words a page shows for a failed action. */
export const describeError = (error: unknown): string =>
  error instanceof ShopApiError || error instanceof Error ? error.message : "Something went wrong; try again.";
