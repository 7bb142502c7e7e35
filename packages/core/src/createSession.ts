import { createReporter } from "./createReporter.ts";
import { createChangeListener } from "./createChangeListener.ts";
import { createRefresh } from "./createRefresh.ts";
import { failWith } from "./failWith.ts";
import { isPromise } from "./isPromise.ts";
import { leaveCopy } from "./leaveCopy.ts";
import type { SessionCore } from "./sessionCore.ts";
import { createSessionState } from "./sessionState.ts";
import { guardStorage } from "./guardStorage.ts";
import { messageFor, warn } from "#messages";
import { readOptions } from "./readOptions.ts";
import type { ScopeContext, ScopeHooks } from "./sessionScope.ts";
import { SessionError } from "./SessionError.ts";
import { decodeStored, encodeStored, type StoredSession } from "./storedSession.ts";
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

  const core: SessionCore = {
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
  };
  const { server } = config;
  const { decode, fresh } = core;
  const isDisposed = core.disposed;
  const listen = createChangeListener(core);
  let started = false;
  let stopLive: (() => void)[] = [];
  let rereading: Promise<unknown> | undefined;
  let lastRead: unknown;

  const load = (raw: string | null | undefined) => {
    const copied = scope.copied?.();
    // A change from elsewhere may have arrived while a slow read was pending: keep it.
    if (state.current()) return;
    const stored = decode(raw);
    if (stored && copied) return leaveCopy(core, stored);
    if (stored) state.adopt(stored);
    else void commit(fresh());
    scope.loaded?.(state.current()!);
  };
  const start = () => {
    if (started || server) return;
    started = true;
    const raw = storage.readOrCreate((raw) => (decode(raw) ? raw! : encodeStored(fresh())));
    if (!isPromise(raw))
      try {
        return load(raw);
      } catch (error) {
        // No ID could be made (generateId, crypto): ready() and refresh() reject, get() throws.
        state.fail(error);
        throw error;
      }
    raw.then(load).catch((error: unknown) => {
      state.fail(error);
      report(error instanceof SessionError ? error.code : "storage-unavailable", error);
    });
  };
  const stop = () => stopLive.splice(0).forEach((stop) => stop());
  const { refresh } = createRefresh(core, start);

  const session: Session = {
    get() {
      if (server) return initial;
      if (!started) start();
      // Nothing listens to storage without subscribers, so it is read again: a sync backend at
      // once, an async one in the background for the next call.
      else if (!stopLive.length && state.current() && !rereading && !isDisposed()) {
        const raw = storage.read();
        // Decoded only when it changed: get() is called on every render.
        if (isPromise(raw)) {
          rereading = raw.then((raw) => state.adopt(decodeStored(raw, validate))).finally(() => {
            rereading = undefined;
          });
        } else if (raw != lastRead) {
          lastRead = raw;
          state.adopt(decodeStored(raw, validate));
        }
      }
      return state.current()?.id;
    },
    getInitial: () => initial,
    subscribe(listener) {
      start();
      if (!stopLive.length && !server && !isDisposed()) stopLive = listen();
      state.listeners.add(listener);
      return () => {
        if (state.listeners.delete(listener) && !state.listeners.size) stop();
      };
    },
    ready() {
      if (server) return initial ? Promise.resolve(initial) : failWith("server", "ready() without initialId");
      start();
      const current = state.current();
      return current ? Promise.resolve(current.id) : state.first;
    },
    refresh,
    dispose() {
      core.markDisposed();
      stop();
      state.listeners.clear();
      scope.dispose?.();
    },
  };
  // An idle timeout or maximum age wraps the session (@sessionid/core/lifetime).
  return config.lifetime?.(session, config, report) ?? session;
}
