import { createReporter } from "./createReporter.ts";
import { createSessionMethods } from "./createSessionMethods.ts";
import { createSessionState } from "./sessionState.ts";
import { guardStorage } from "./guardStorage.ts";
import { messageFor, warn } from "#messages";
import { readOptions } from "./readOptions.ts";
import type { ScopeContext, ScopeHooks } from "./sessionScope.ts";
import { SessionError } from "./SessionError.ts";
import { decodeStored, type StoredSession } from "./storedSession.ts";
import type { Session, SessionId, SessionOptions } from "./types.ts";

/**
 * Creates a session store. Nothing happens until it is first used: the first `get()`,
 * `subscribe()`, `ready()` or `refresh()` reads the ID from storage (or makes and stores one), and
 * it listens to other tabs only while it has subscribers, so a session a framework creates and
 * throws away leaks nothing. Faults in storage never reach the app: the session falls back to
 * memory and tells `onError`.
 *
 * @example
 * import { createSession, localStorageBackend } from "@sessionid/core";
 *
 * const session = createSession({ storage: localStorageBackend(), key: "shop" });
 * session.get(); // "V1StGXR8_Z5jdHi6B-myT": there at once with a sync backend
 * await session.refresh(async (next, previous, signal) => {
 *   const response = await fetch("/api/login", { method: "POST", body: JSON.stringify({ previous, next }), signal });
 *   if (!response.ok) throw new Error("log-in failed"); // nothing changes
 * });
 */
export function createSession(options?: SessionOptions): Session {
  const config = readOptions(options);
  const { key, storage: backend, validate } = config;
  // Every ID the session makes or holds, so that errors can blank them out.
  const ids = new Set<string>();
  const report = createReporter(config.onError, ids);
  const state = createSessionState(report, ids);
  const storage = guardStorage(backend, key, config.storageTimeout, report, state.current);
  let disposed = false;

  const make = (gen: number): StoredSession => {
    const id = config.generateId();
    if (typeof id != "string" || !validate(id)) throw new SessionError("invalid-id", messageFor("invalid-id"));
    ids.add(id);
    return { id: id as SessionId, gen };
  };
  const commit = (next: StoredSession) => {
    state.adopt(next);
    return storage.write(next);
  };

  // What the scope gets; the session's own parts get the same and a little more (SessionCore).
  const context: ScopeContext = { key, validate, lockTimeout: config.lockTimeout, state, storage, report, commit, disposed: () => disposed };
  if (typeof backend.scope == "string") warn(`scope:${backend.scope}`);
  const scope: ScopeHooks = typeof backend.scope == "function" ? backend.scope(context) : {};

  // What the server rendered: initialId (null or absent for "none"). The browser's first render
  // shows the same, so hydration matches; the stored ID takes over right after.
  const { initialId } = config;
  const initialValid = typeof initialId == "string" && validate(initialId);
  if (initialId != null && !initialValid) report("invalid-option", undefined, "initialId");
  const initial = initialValid ? (initialId as SessionId) : undefined;
  if (initial) ids.add(initial);

  // Empty storage is seeded with it, but never per-tab storage: two tabs rendered with one
  // initialId would share it.
  const seed = scope.copied ? undefined : initial;

  const session = createSessionMethods({
    ...context,
    config,
    scope,
    initial,
    make,
    decode(raw) {
      const stored = decodeStored(raw, validate);
      if (raw != null && !stored) report("invalid-stored-value", undefined, key);
      return stored;
    },
    fresh: () => (seed ? { id: seed, gen: 0 } : make(0)),
    markDisposed() {
      disposed = true;
    },
  });
  // An idle timeout or maximum age wraps the session (@sessionid/core/lifetime).
  return config.lifetime?.(session, config, report) ?? session;
}
