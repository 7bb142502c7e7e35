import { generateSessionId } from "./generateSessionId.ts";
import { isSessionId } from "./isSessionId.ts";
import { SessionError, type SessionErrorCode } from "./SessionError.ts";
import { memoryBackend } from "./storage/memoryBackend.ts";
import { localStorageBackend, sessionStorageBackend } from "./storage/webStorageBackend.ts";
import type { BeforeCommit, Session, SessionId, SessionOptions, StorageBackend } from "./types.ts";

type Stored = string | null | undefined;

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
    storage = "session",
    generateId = generateSessionId,
    validate = isSessionId,
    onError,
    onDuplicate,
    lockTimeout = 1e4,
    server = typeof window > "u" && !("WorkerGlobalScope" in globalThis),
  } = options;
  let backend = typeof storage == "string" ? backends[storage]?.() : storage;
  if (!backend || !key || typeof key != "string")
    throw new SessionError("invalid-option", 'storage must be "session", "local", "memory" or a backend, and key a non-empty string.');
  const browserWide = backend.scope == "browser";
  const listeners = new Set<(id: SessionId | undefined) => void>();
  const cleanups: (() => void)[] = [];
  let current: SessionId | undefined;
  let disposed = false;
  let queue: Promise<unknown> = Promise.resolve();
  let resolveFirst!: (id: SessionId) => void;
  let rejectFirst!: (error: unknown) => void;
  const first = new Promise<SessionId>((resolve, reject) => ((resolveFirst = resolve), (rejectFirst = reject)));
  first.catch(() => {}); // a failed first load reaches ready()'s callers and onError, never "unhandled"
  // Every ID this session has held: a commit mark naming one of them is old news (see `rotate`).
  const seen = new Set<SessionId>();

  const report = (code: SessionErrorCode, message: string, cause?: unknown) =>
    onError?.(new SessionError(code, message, cause));
  const valid = (value: unknown): value is SessionId => typeof value == "string" && validate(value);

  const make = () => {
    const id = generateId();
    if (!valid(id)) throw new SessionError("invalid-id", "generateId returned a value that validate rejects.");
    return id;
  };

  // Something other than an ID under our key: say so (never what it was) before replacing it.
  const reject = (value: Stored) =>
    value != null && report("invalid-stored-value", `Storage held a non-ID under "${key}"; it is replaced.`);

  const emit = (id: SessionId) => {
    if (id == current) return;
    seen.add(id);
    resolveFirst((current = id));
    for (const listener of [...listeners])
      try {
        listener(id);
      } catch (error) {
        report("listener", "A session subscriber threw.", error);
      }
  };

  // Every backend call goes through here: a throw or a rejection is reported, and the session
  // moves to memory for the rest of the page's life, keeping its ID.
  const guard = <T>(call: (backend: StorageBackend) => T, write?: 1): T | undefined => {
    const fail = (error: unknown): undefined => {
      report(
        write ? "storage-write" : "storage-unavailable",
        `Storage ${write ? "refused a write" : "is unavailable"}; the session continues in memory.`,
        error,
      );
      backend = memoryBackend();
      if (current) backend.set(key, current);
    };
    try {
      const result = call(backend!) as T & PromiseLike<unknown>;
      return typeof result?.then == "function" ? (Promise.resolve(result).then(undefined, fail) as T) : result;
    } catch (error) {
      return fail(error);
    }
  };

  const write = (id: SessionId) => guard((b) => b.set(key, id), 1);

  // Adopt what storage holds now (another tab may have rotated); answers the current ID.
  const sync = async () => {
    const stored = await guard((b) => b.get(key));
    if (valid(stored)) emit(stored);
    return current;
  };

  let initial = valid(options.initialId) ? options.initialId : undefined;
  const fresh = (stored: Stored) => (reject(stored), initial ?? make());

  // Web Locks serialise refreshes across tabs of a browser-wide backend, with a timeout so a
  // stuck holder cannot hang this tab; past it, `rotate` commits under a guard instead.
  const lockName = `sessionid:${key}`;
  let dropMark: (() => void) | undefined;
  const locked = <T>(run: (locks?: LockManager) => Promise<T>): Promise<T> => {
    const locks = browserWide && typeof navigator < "u" && navigator.locks;
    if (!locks) return run();
    let held = false;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), lockTimeout);
    return locks
      .request(lockName, { signal: abort.signal }, () => {
        held = true;
        clearTimeout(timer);
        return run(locks);
      })
      .catch((error) => {
        if (held) throw error;
        report("lock-timeout", "The refresh lock was not granted in time; a commit guard was used.", error);
        return run();
      }) as Promise<T>;
  };

  const rotate = (beforeCommit?: BeforeCommit) =>
    locked(async (locks) => {
      // Each commit under the lock leaves a mark: a Web Lock named "<lock> <seq> <id>", held by
      // the committing tab. Lock state is the same in every process, while another tab's
      // localStorage write can reach this one after the lock does: the mark is the surer word.
      // A mark of an ID this session already held is stale (its holder may have closed since a
      // newer mark's holder did): then storage is the word.
      let seq = 0;
      let marked: string | undefined;
      for (const { name = "" } of (locks && (await locks.query()).held) || []) {
        const at = name.lastIndexOf(" ");
        const count = name.slice(lockName.length + 1, at);
        if (name.startsWith(lockName + " ") && +count > seq) (seq = +count), (marked = name.slice(at + 1));
      }
      if (valid(marked) && !seen.has(marked)) emit(marked);
      else if (browserWide) await sync();
      const previous = current;
      const next = make();
      await beforeCommit?.(next, previous);
      // Without the lock another tab may have committed meanwhile: its ID stands (every tab must
      // end on one), and this refresh fails, so the caller knows its callback's `next` was dropped.
      if (!locks && browserWide && (await sync()) != previous)
        throw new SessionError("refresh-conflict", "Another tab refreshed first; this tab adopted its ID and dropped this refresh.");
      emit(next);
      await write(next);
      if (locks && !disposed)
        await new Promise<unknown>((marking) =>
          locks.request(`${lockName} ${seq + 1} ${next}`, () => {
            dropMark?.();
            return new Promise<void>((release) => marking((dropMark = release)));
          }),
        );
      return next;
    });

  const ready = () =>
    current || server
      ? current
        ? Promise.resolve(current)
        : Promise.reject(new SessionError("server", "No session ID on the server: pass initialId or cookieBackend({ cookieHeader })."))
      : first;

  const refresh = (beforeCommit?: BeforeCommit) => {
    if (server) return Promise.reject(new SessionError("server", "refresh() runs in the browser only."));
    const run = queue.then(ready).then(() => rotate(beforeCommit));
    queue = run.catch(() => {});
    return run;
  };

  const listen = (target: EventTarget, type: string, handler: (event: never) => unknown) => {
    target.addEventListener(type, handler as EventListener);
    cleanups.push(() => target.removeEventListener(type, handler as EventListener));
  };

  if (server) {
    // A server render never generates or writes; it shows what the browser will also have.
    const stored = backend.ssr ? guard((b) => b.get(key)) : undefined;
    current = initial = valid(stored) ? stored : initial;
  } else {
    const settle = (stored: Stored) => {
      // A change from elsewhere may have arrived while a slow read was pending: keep it.
      if (current) return;
      if (valid(stored)) return emit(stored);
      emit(fresh(stored));
      write(current!);
    };
    const stored = guard((b) => (b.update ? b.update(key, (value) => (valid(value) ? value : fresh(value))) : b.get(key)));
    if (stored instanceof Promise)
      stored.then(settle).catch((error: SessionError) => {
        rejectFirst(error);
        onError?.(error);
      });
    else {
      if (backend.ssr && valid(stored)) initial = stored;
      settle(stored);
    }

    const unsubscribe = backend.subscribe?.(key, (value) => {
      // An ID this session already moved past is a late echo, never a change: IDs only move on.
      if (valid(value)) seen.has(value) || emit(value);
      // Removed or overwritten elsewhere: put the current ID back, so every tab stays on one ID.
      else if (current) reject(value), write(current);
    });
    if (unsubscribe) cleanups.push(unsubscribe);

    // Back/forward cache: the page slept while other tabs may have rotated.
    if (browserWide) listen(globalThis, "pageshow", (event: PageTransitionEvent) => event.persisted && sync());

    // A duplicated tab (or window.open) copies sessionStorage: ask whether another live tab
    // holds our ID, and if an older one answers, move this tab to a new ID. A document is
    // told apart by its timeOrigin, so sessions of one tab never count as duplicates.
    if (backend.scope == "tab" && typeof BroadcastChannel == "function") {
      const channel = new BroadcastChannel(`sessionid:${key}`);
      const me = performance.timeOrigin;
      let asked: SessionId | undefined;
      cleanups.push(() => channel.close());
      listen(channel, "message", ({ data }: MessageEvent) => {
        if (!current || !data || data.t == me) return;
        if (data.q == current) channel.postMessage({ a: current, t: me });
        // Only the newer document moves, so an opener never loses its ID to the tab it opened.
        else if (data.a == current && asked == current && data.t < me) {
          asked = undefined;
          refresh(onDuplicate as BeforeCommit).catch((error) =>
            report("duplicate-tab", "A duplicated tab could not move to a new ID; it keeps the shared one.", error),
          );
        }
      });
      first.then((id) => cleanups[0] && channel.postMessage({ q: (asked = id), t: me }));
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
      disposed = true;
      dropMark?.();
      cleanups.splice(0).forEach((cleanup) => cleanup());
      listeners.clear();
    },
  };
}
