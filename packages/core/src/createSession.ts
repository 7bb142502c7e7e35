import { generateSessionId } from "./generateSessionId.ts";
import { isSessionId } from "./isSessionId.ts";
import { SessionError, type SessionErrorCode } from "./SessionError.ts";
import { memoryBackend } from "./storage/memoryBackend.ts";
import { localStorageBackend, sessionStorageBackend } from "./storage/webStorageBackend.ts";
import type { BeforeCommit, Session, SessionId, SessionOptions, StorageBackend } from "./types.ts";

type Stored = string | null | undefined;

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | undefined)?.then == "function";

const backends = { session: sessionStorageBackend, local: localStorageBackend, memory: memoryBackend };

/**
 * Creates a session store: reads the ID from storage, or makes and stores one if there is
 * none, keeps it in sync with other tabs, and rotates it on `refresh`. Faults in storage never
 * reach the app: the session falls back to memory and tells `onError`.
 *
 * @example
 * import { createSession } from "@sessionid/core";
 *
 * const session = createSession({ storage: "local", key: "shop" });
 * session.get(); // "V1StGXR8_Z5jdHi6B-myT": there at once with a sync backend
 * await session.refresh((next, previous) => api.login({ from: previous, to: next }));
 */
export function createSession(options: SessionOptions = {}): Session {
  const {
    key = "sessionid",
    generateId = generateSessionId,
    validate = isSessionId,
    onError,
    lockTimeout = 1e4,
    server = typeof window > "u" && !("WorkerGlobalScope" in globalThis),
  } = options;
  const storage = options.storage ?? "session";
  let backend: StorageBackend | undefined = typeof storage == "string" ? backends[storage]?.() : storage;
  if (!backend || !key || typeof key != "string")
    throw new SessionError("invalid-option", 'createSession needs storage "session", "local", "memory" or a backend, and a non-empty key.');
  const browserWide = backend.scope == "browser";
  const listeners = new Set<(id: SessionId | undefined) => void>();
  const cleanups: (() => void)[] = [];
  let current: SessionId | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let resolveReady!: (id: SessionId) => void;
  const firstId = new Promise<SessionId>((resolve) => (resolveReady = resolve));

  const valid = (value: unknown): value is SessionId => typeof value == "string" && validate(value);
  const report = (code: SessionErrorCode, message: string, cause?: unknown) =>
    onError?.(new SessionError(code, message, cause));

  const make = () => {
    const id = generateId();
    if (!valid(id)) throw new SessionError("invalid-id", "generateId returned a value that validate rejects.");
    return id;
  };

  // Something other than an ID under our key: say so (never what it was) before replacing it.
  const reject = (value: Stored) =>
    value != null &&
    report("invalid-stored-value", `Storage held a value under "${key}" that is not a session ID; it is replaced.`);

  const emit = (id: SessionId) => {
    if (id == current) return;
    current = id;
    resolveReady(id);
    for (const listener of [...listeners])
      try {
        listener(id);
      } catch (error) {
        report("listener", "A session subscriber threw.", error);
      }
  };

  // Every backend call goes through here: a throw or a rejection is reported, and the session
  // moves to memory for the rest of the page's life, keeping its ID.
  const guard = <T>(code: SessionErrorCode, call: (backend: StorageBackend) => T): T | undefined => {
    const fail = (error: unknown): undefined => {
      report(
        code,
        code == "storage-write"
          ? "Storage refused the session ID (full or blocked); it is kept in memory for this page."
          : "Storage could not be read (missing, blocked or failing); the session ID is kept in memory for this page.",
        error,
      );
      backend = memoryBackend();
      if (current) backend.set(key, current);
    };
    try {
      const result = call(backend!);
      return (isThenable(result) ? Promise.resolve(result).then(undefined, fail) : result) as T;
    } catch (error) {
      return fail(error);
    }
  };

  const write = (id: SessionId) => guard("storage-write", (b) => b.set(key, id));

  // Adopt what storage holds now (another tab may have rotated); answers the current ID.
  const sync = async () => {
    const stored = await guard("storage-unavailable", (b) => b.get(key));
    if (valid(stored)) emit(stored);
    return current;
  };

  let initial = valid(options.initialId) ? options.initialId : undefined;
  const fresh = (stored: Stored) => (reject(stored), initial ?? make());

  // Web Locks serialise refreshes across tabs of a browser-wide backend, with a timeout so a
  // stuck holder cannot hang this tab; past it, the commit guard in `rotate` keeps tabs agreeing.
  const locked = <T>(run: () => Promise<T>): Promise<T> => {
    const locks = browserWide && typeof navigator < "u" ? navigator.locks : undefined;
    if (!locks) return run();
    let held = false;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), lockTimeout);
    return (locks as { request(name: string, options: LockOptions, run: () => Promise<T>): Promise<T> })
      .request(`sessionid:${key}`, { signal: abort.signal }, () => {
        held = true;
        clearTimeout(timer);
        return run();
      })
      .catch((error) => {
        if (held) throw error;
        report("lock-timeout", "The cross-tab refresh lock was not granted in time; refreshing with a commit guard instead.", error);
        return run();
      });
  };

  const rotate = (beforeCommit?: BeforeCommit) =>
    locked(async () => {
      const previous = browserWide ? await sync() : current;
      const next = make();
      await beforeCommit?.(next, previous);
      if (browserWide && (await sync()) != previous) {
        report("refresh-conflict", "Another tab rotated the session first; this tab adopted that ID.");
        return current!;
      }
      emit(next);
      await write(next);
      return next;
    });

  const ready = () =>
    current
      ? Promise.resolve(current)
      : server
        ? Promise.reject(
            new SessionError("server", "No session ID is known during this server render: pass initialId, or a cookie backend with cookieHeader."),
          )
        : firstId;

  const refresh = (beforeCommit?: BeforeCommit) => {
    const run = queue.then(ready).then(() => rotate(beforeCommit));
    queue = run.catch(() => {});
    return run;
  };

  if (server) {
    // A server render never generates or writes; it shows what the browser will also have.
    const stored = backend.ssr ? guard("storage-unavailable", (b) => b.get(key)) : undefined;
    if (valid(stored)) initial = stored;
    current = initial;
  } else {
    const settle = (stored: Stored) => {
      // A change from elsewhere may have arrived while a slow read was pending: keep it.
      if (current) return;
      if (valid(stored)) return emit(stored);
      emit(fresh(stored));
      write(current!);
    };
    const update = backend.update;
    const stored = guard("storage-unavailable", (b) =>
      update ? update.call(b, key, (value) => (valid(value) ? value : fresh(value))) : b.get(key),
    );
    if (isThenable(stored))
      stored.then(settle).then(undefined, (error) =>
        onError?.(error instanceof SessionError ? error : new SessionError("storage-unavailable", "Loading the session failed.", error)),
      );
    else {
      if (backend.ssr && valid(stored)) initial = stored;
      settle(stored);
    }

    const unsubscribe = backend.subscribe?.(key, (value) => {
      if (valid(value)) emit(value);
      // Removed or overwritten elsewhere: put the current ID back, so every tab stays on one ID.
      else if (current) reject(value), write(current);
    });
    if (unsubscribe) cleanups.push(unsubscribe);

    const listen = (target: EventTarget, type: string, handler: (event: never) => void) => {
      target.addEventListener(type, handler as EventListener);
      cleanups.push(() => target.removeEventListener(type, handler as EventListener));
    };
    // Back/forward cache: the page slept while other tabs may have rotated.
    if (browserWide) listen(globalThis, "pageshow", (event: PageTransitionEvent) => event.persisted && sync());

    // A duplicated tab (or window.open) copies sessionStorage: ask whether another live tab
    // holds our ID, and if an older one answers, move this tab to a new ID. A document is
    // told apart by its timeOrigin, so sessions of one tab never count as duplicates.
    if (backend.scope == "tab" && typeof BroadcastChannel == "function") {
      const channel = new BroadcastChannel(`sessionid:${key}`);
      const me = performance.timeOrigin;
      cleanups.push(() => channel.close());
      let asked: SessionId | undefined;
      listen(channel, "message", ({ data }: MessageEvent) => {
        if (!current || data?.t == me) return;
        if (data.q == current) channel.postMessage({ a: current, t: me });
        // Only the newer document moves, so an opener never loses its ID to the tab it opened.
        else if (data.a == current && asked == current && data.t < me) {
          asked = undefined;
          refresh(options.onDuplicate && ((next, previous) => options.onDuplicate!(next, previous!))).catch(
            (error) => report("duplicate-tab", "This tab is a duplicate, but moving it to a new session ID failed; it keeps the shared ID.", error),
          );
        }
      });
      firstId.then((id) => cleanups.length && channel.postMessage({ q: (asked = id), t: me }));
    }
  }

  return {
    get: () => current,
    getInitial: () => initial,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    ready,
    refresh,
    dispose() {
      cleanups.splice(0).forEach((cleanup) => cleanup());
      listeners.clear();
    },
  };
}
