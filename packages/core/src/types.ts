import type { Report } from "./createReporter.ts";
import type { SessionError } from "./SessionError.ts";
import type { SessionScope } from "./sessionScope.ts";

declare const brand: unique symbol;

/**
 * An opaque session ID: a string that passed validation. The brand keeps other strings out.
 *
 * @example
 * import { isSessionId, type SessionId } from "@sessionid/core";
 * const fromHeader: string = request.headers.get("x-session-id") ?? "";
 * if (isSessionId(fromHeader)) lookUpCart(fromHeader satisfies SessionId);
 */
export type SessionId = string & { readonly [brand]: "SessionId" };

/**
 * Where a session keeps its ID. Methods may be sync or async; the session owns validation
 * and never lets a throw or rejection reach the app (it falls back to memory and reports).
 * Values are opaque strings (the ID and its generation); store them as they are.
 *
 * @example
 * // React Native's AsyncStorage (or anything with the same shape)
 * const asyncStorageBackend: StorageBackend = {
 *   get: (key) => AsyncStorage.getItem(key),
 *   set: (key, value) => AsyncStorage.setItem(key, value),
 *   remove: (key) => AsyncStorage.removeItem(key),
 * };
 * createSession({ storage: asyncStorageBackend });
 */
export interface StorageBackend {
  /** Read the stored value; `null`/`undefined` when absent. */
  get(key: string): string | null | undefined | Promise<string | null | undefined>;
  /** Store a value. */
  set(key: string, value: string): void | Promise<void>;
  /** Delete the value (for apps and tools; a session never removes its own key). */
  remove(key: string): void | Promise<void>;
  /** Hear changes made elsewhere (another tab, another instance); `null` means removed. */
  subscribe?(key: string, onChange: (value: string | null | undefined) => void): () => void;
  /**
   * Atomic read-modify-write (one IndexedDB transaction, say). When present the session uses it
   * for its first read, a get-or-create, so tabs starting together agree on one ID.
   */
  update?(key: string, updater: (value: string | null | undefined) => string): Promise<string>;
  /**
   * How the value is shared, and what the session does about it: {@link browserScope} (every tab
   * shares it: refreshes are serialised across tabs) or {@link tabScope} (each tab has its own:
   * duplicated tabs move to a new ID). Omit it for storage no other tab can see (memory).
   */
  scope?: SessionScope;
}

/** Runs with the next ID before it is committed; throwing or rejecting aborts the refresh. */
export type BeforeCommit = (next: SessionId, previous: SessionId | undefined, signal: AbortSignal) => unknown;

/** What a session was created with. See {@link createSession}. */
export interface SessionOptions {
  /** Where the ID lives: a backend such as `localStorageBackend()`. Default `sessionStorageBackend()` (per tab). */
  storage?: StorageBackend;
  /** Storage key; several sessions can live on one site under different keys. Default `"sessionid"`. */
  key?: string;
  /** Makes a new ID. Default: 21 characters from `crypto.getRandomValues` (126 bits). */
  generateId?: () => string;
  /** Accepts a stored or generated value. Default {@link isSessionId}. */
  validate?: (value: string) => boolean;
  /**
   * What the server rendered: the ID, or `null` for none. It decides `getInitial()`, the snapshot
   * a framework hydrates with, and seeds empty storage; the stored ID takes over after hydration.
   */
  initialId?: string | null;
  /** Hears every fault the session survived. Never receives a session ID. */
  onError?: (error: SessionError) => void;
  /**
   * This tab turned out to be a copy of another tab (duplicated, or `window.open`) and moves to
   * its own ID at once. Runs like a `refresh` callback: copy server data from `previous` to `next`
   * here; the session shows no ID until it settles.
   */
  onDuplicate?: (next: SessionId, previous: SessionId, signal: AbortSignal) => unknown;
  /** Longest wait for the cross-tab refresh lock before falling back to a commit guard. Default 10 000 ms. */
  lockTimeout?: number;
  /** Longest wait for a refresh callback (or `onDuplicate`); then its signal aborts and nothing changes. Default 30 000 ms. */
  refreshTimeout?: number;
  /** Longest wait for an async backend's answer; then the session moves to memory and reports. Default 10 000 ms. */
  storageTimeout?: number;
  /** Treat this as a server render: never generate, write or subscribe. Default: no `window`, and not a browser's worker (edge runtimes such as Cloudflare Workers count as servers). */
  server?: boolean;
  /**
   * An idle timeout and/or a maximum age: `sessionLifetime({ idleTimeout, maxAge, onExpire })`
   * from `"@sessionid/core/lifetime"` (apps without it ship none of its code).
   */
  lifetime?: SessionLifetime;
}

/**
 * Gives a session a lifetime: what `sessionLifetime()` (`@sessionid/core/lifetime`) returns. It
 * gets the session without one, the session's options with their defaults (activity is kept in
 * the same `storage`, beside `key`), and the session's `report` for the faults it survives.
 */
export type SessionLifetime = (
  session: Session,
  options: Required<Pick<SessionOptions, "storage" | "key" | "validate" | "server">>,
  report: Report,
) => Session;

/**
 * A session store. Every method is pre-bound, so it can be passed around detached.
 *
 * @example
 * const session = createSession();
 * const stop = session.subscribe((id) => console.log("rotated"));
 * await session.refresh(async (next, previous) => api.moveCart({ from: previous, to: next }));
 */
export interface Session {
  /** The current ID; `undefined` only while an async backend loads, or on the server without `initialId`. */
  get(): SessionId | undefined;
  /** What a server render of this session showed: use it for the hydration pass. */
  getInitial(): SessionId | undefined;
  /**
   * Called on every change from now on (not at once, and not for one made before: read `get()`
   * right after subscribing). Returns the unsubscribe function.
   */
  subscribe(listener: (id: SessionId | undefined) => void): () => void;
  /** Resolves as soon as an ID is known. */
  ready(): Promise<SessionId>;
  /** Rotates the ID: `beforeCommit` runs first, and if it throws nothing changes. */
  refresh(beforeCommit?: BeforeCommit): Promise<SessionId>;
  /** Removes every listener, channel, lock and timer the session created. */
  dispose(): void;
  /**
   * The ID to send with a backend call now. A session with a lifetime has it: it first rotates an
   * expired session (rejecting with `session-expired` if it cannot yet) and counts the call as
   * activity. The helpers (`withSessionId`, `sessionFetch`, the adapters') use it when present.
   */
  forRequest?(): Promise<SessionId>;
  /** A session with a lifetime has it: counts as activity now (a click, a keystroke, a view). */
  touch?(): void;
  /**
   * A session with a lifetime has it: the server says `sent` has ended. The session rotates away
   * from it (once across tabs: a tab that finds it rotated already adopts the new ID) and gives
   * the error to reject the call with, `session-ended` (or the rotation's own error).
   */
  end?(sent: SessionId): Promise<SessionError>;
}
