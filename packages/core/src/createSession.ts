import { callWithTimeout } from "./callWithTimeout.ts";
import { createReporter, type Report } from "./createReporter.ts";
import { failWith } from "./failWith.ts";
import { isPromise } from "./isPromise.ts";
import { guardStorage } from "./guardStorage.ts";
import { messageFor, warn } from "#messages";
import { readOptions } from "./readOptions.ts";
import type { ScopeHooks } from "./sessionScope.ts";
import { createSessionState } from "./sessionState.ts";
import { SessionError } from "./SessionError.ts";
import { decodeStored, encodeStored, isLater, type StoredSession } from "./storedSession.ts";
import type { BeforeCommit, Session, SessionId, SessionOptions } from "./types.ts";

type Raw = string | null | undefined;

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
  const { key, storage: backend, validate, server, refreshTimeout } = config;
  const ids = new Set<string>();
  const report: Report = createReporter(config.onError, ids);
  const state = createSessionState(report, ids);
  const storage = guardStorage(backend, key, config.storageTimeout, report, state.current);
  let started = false;
  let disposed = false;
  let queue: Promise<unknown> = Promise.resolve();
  let stopLive: (() => void)[] = [];
  let rereading: Promise<unknown> | undefined;
  let lastRead: unknown;

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

  if (typeof backend.scope == "string") warn(`scope:${backend.scope}`);
  const scope: ScopeHooks =
    typeof backend.scope == "function"
      ? backend.scope({ key, validate, lockTimeout: config.lockTimeout, state, storage, report, commit, disposed: () => disposed })
      : {};

  // What the server rendered: initialId (null or absent for "none"). The browser's first render
  // shows the same, so hydration matches; the stored ID takes over right after.
  const { initialId } = config;
  const initialValid = typeof initialId == "string" && validate(initialId);
  if (initialId != null && !initialValid)
    report("invalid-option", undefined, "initialId");
  const initial = initialValid ? (initialId as SessionId) : undefined;
  if (initial) ids.add(initial);
  // Empty storage is seeded with it, but never per-tab storage: two tabs rendered with one
  // initialId would share it.
  const seed = scope.copied ? undefined : initial;

  // What storage holds, as an ID and generation; anything else there is reported (never what it was).
  const decode = (raw: Raw) => {
    const stored = decodeStored(raw, validate);
    if (raw != null && !stored) report("invalid-stored-value", undefined, key);
    return stored;
  };

  // A copied tab (duplicated, window.open) moves to its own ID at once. The copy's ID is stored
  // first, so a reload keeps it; it is shown only after onDuplicate has moved the server data.
  const leaveCopy = (copied: StoredSession) => {
    ids.add(copied.id);
    const next = make(copied.gen + 1);
    void storage.write(next);
    const { onDuplicate } = config;
    if (!onDuplicate) return void state.adopt(next);
    callWithTimeout(refreshTimeout, (signal) => onDuplicate(next.id, copied.id, signal))
      .catch((error) => report("duplicate-tab", error))
      .then(() => state.adopt(next));
  };

  const load = (raw: Raw) => {
    const copied = scope.copied?.();
    // A change from elsewhere may have arrived while a slow read was pending: keep it.
    if (state.current()) return;
    const stored = decode(raw);
    if (stored && copied) return leaveCopy(stored);
    if (stored) state.adopt(stored);
    else void commit(seed ? { id: seed, gen: 0 } : make(0));
    scope.loaded?.(state.current()!);
  };

  const start = () => {
    if (started || server) return;
    started = true;
    const raw = storage.readOrCreate((raw) => (decode(raw) ? raw! : encodeStored(seed ? { id: seed, gen: 0 } : make(0))));
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

  // A change heard from storage. Per-tab (and memory-like) storage: a later ID is adopted; a
  // removal, junk or an older value gets the current ID written back. Browser-wide storage has
  // its own rules (browserScope).
  const heard =
    scope.heard ??
    ((stored: StoredSession | undefined) => {
      const current = state.current();
      if (!state.adopt(stored) && isLater(current, stored)) void storage.write(current);
    });

  const goLive = () => {
    let unsubscribe: (() => void) | undefined;
    try {
      unsubscribe = backend.subscribe?.(key, (raw) => heard(decode(raw)));
    } catch (error) {
      // A backend that cannot be listened to still works; the session just hears no other tab.
      report("storage-unavailable", error, key);
    }
    // Back from the back/forward cache: this tab (or, with browser-wide storage, another) may
    // have moved on while the page slept.
    const onPageShow = async (event: PageTransitionEvent) => event.persisted && heard(decode(await storage.read()));
    addEventListener("pageshow", onPageShow);
    stopLive = [unsubscribe ?? (() => {}), scope.live?.() ?? (() => {}), () => removeEventListener("pageshow", onPageShow)];
  };
  const stop = () => stopLive.splice(0).forEach((stop) => stop());

  // Once a callback has moved server data to `next`, it is committed, even if the session was
  // disposed meanwhile; a refresh that has not called its callback yet stops there.
  const prepare = async (base: StoredSession | undefined, beforeCommit?: BeforeCommit) => {
    if (disposed) throw new SessionError("disposed", messageFor("disposed"));
    const next = make((base?.gen ?? 0) + 1);
    if (beforeCommit) await callWithTimeout(refreshTimeout, (signal) => beforeCommit(next.id, base?.id, signal));
    return next;
  };
  const rotate = async (beforeCommit?: BeforeCommit) => {
    if (scope.rotate) return (await scope.rotate((base) => prepare(base, beforeCommit))).id;
    const next = await prepare(state.current(), beforeCommit);
    await commit(next);
    return next.id;
  };

  const session: Session = {
    get() {
      if (server) return initial;
      if (!started) start();
      // Without subscribers nothing listens to storage, so storage is read again: a sync backend
      // at once, an async one in the background for the next call. get() still follows other
      // tabs, and a session nobody subscribes to holds no listener at all.
      else if (!stopLive.length && state.current() && !rereading && !disposed) {
        const raw = storage.read();
        // Decoded only when it changed: get() is called on every render.
        if (isPromise(raw)) rereading = raw.then((raw) => state.adopt(decodeStored(raw, validate))).finally(() => (rereading = undefined));
        else if (raw != lastRead) state.adopt(decodeStored((lastRead = raw), validate));
      }
      return state.current()?.id;
    },
    getInitial: () => initial,
    subscribe(listener) {
      start();
      if (!stopLive.length && !server && !disposed) goLive();
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
    refresh(beforeCommit) {
      if (beforeCommit !== undefined && typeof beforeCommit != "function")
        return failWith("invalid-argument", typeof beforeCommit);
      if (server) return failWith("server", "refresh()");
      if (disposed) return failWith("disposed");
      start();
      const run = queue.then(() => state.first).then(() => rotate(beforeCommit));
      queue = run.catch(() => {});
      return run;
    },
    dispose() {
      disposed = true;
      stop();
      state.listeners.clear();
      scope.dispose?.();
    },
  };
  // An idle timeout or maximum age wraps the session (@sessionid/core/lifetime).
  return config.lifetime?.(session, config, report) ?? session;
}
