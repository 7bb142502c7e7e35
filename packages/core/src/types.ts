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
  subscribe?(key: string, onChange: (value: string | null) => void): () => void;
  /**
   * Atomic read-modify-write (one IndexedDB transaction, say). When present the session uses it
   * for its first read, a get-or-create, so tabs starting together agree on one ID.
   */
  update?(key: string, updater: (value: string | null | undefined) => string): Promise<string>;
  /**
   * `"tab"`: each tab has its own value (duplicated tabs are detected and moved to a new ID).
   * `"browser"`: all tabs share it (refreshes are serialised across tabs with Web Locks).
   */
  scope?: "tab" | "browser";
  /** The server reads the same value the browser has (a cookie), so a server render may show it. */
  ssr?: boolean;
}

/** What a session was created with. See {@link createSession}. */
export interface SessionOptions {
  /** `"session"` (per tab, default), `"local"` (per browser), `"memory"`, or any backend. */
  storage?: "session" | "local" | "memory" | StorageBackend;
  /** Storage key; several sessions can live on one site under different keys. Default `"sessionid"`. */
  key?: string;
  /** Makes a new ID. Default: 21 characters from `crypto.getRandomValues` (126 bits). */
  generateId?: () => string;
  /** Accepts a stored or generated value. Default {@link isSessionId}. */
  validate?: (value: string) => boolean;
  /** An ID the server already knows (SSR payload): shown by a server render, kept when storage is empty. */
  initialId?: string;
  /** Hears every fault the session survived. Never receives a session ID. */
  onError?: (error: import("./SessionError.ts").SessionError) => void;
  /**
   * A per-tab session found its ID held by another live tab (a duplicated tab) and moves to a
   * new one. Runs like a `refresh` callback: copy server data from `previous` to `next` here.
   */
  onDuplicate?: (next: SessionId, previous: SessionId) => unknown;
  /** Longest wait for the cross-tab refresh lock before falling back to a commit guard. Default 10 000 ms. */
  lockTimeout?: number;
  /** Treat this as a server render: never generate, write or subscribe. Default: no `window`. */
  server?: boolean;
}

/** Runs with the next ID before it is committed; throwing or rejecting aborts the refresh. */
export type BeforeCommit = (next: SessionId, previous: SessionId | undefined) => unknown;

/**
 * A session store. Every method is pre-bound, so it can be passed around detached.
 *
 * @example
 * const session = createSession();
 * const stop = session.subscribe((id) => console.log("rotated"));
 * await session.refresh(async (next, previous) => api.moveCart({ from: previous, to: next }));
 */
export interface Session {
  /** The current ID; `undefined` only while an async backend loads, or on the server. */
  get(): SessionId | undefined;
  /** What a server render of this session showed: use it for the hydration pass. */
  getInitial(): SessionId | undefined;
  /** Called on every change (not at once). Returns the unsubscribe function. */
  subscribe(listener: (id: SessionId | undefined) => void): () => void;
  /** Resolves as soon as an ID is known. */
  ready(): Promise<SessionId>;
  /** Rotates the ID: `beforeCommit` runs first, and if it throws nothing changes. */
  refresh(beforeCommit?: BeforeCommit): Promise<SessionId>;
  /** Removes every listener, channel and timer the session created. */
  dispose(): void;
}
