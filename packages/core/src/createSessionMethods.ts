import { createChangeListener } from "./createChangeListener.ts";
import { createRefresh } from "./createRefresh.ts";
import { failWith } from "./failWith.ts";
import { isPromise } from "./isPromise.ts";
import { moveDuplicatedTab } from "./moveDuplicatedTab.ts";
import type { SessionCore } from "./sessionCore.ts";
import { SessionError } from "./SessionError.ts";
import { decodeStored, encodeStored } from "./storedSession.ts";
import type { Session } from "./types.ts";

/**
 * A session's methods, and when it does what: it starts on first use (reads its ID from storage,
 * or makes and stores one), listens to other tabs only while it has subscribers, and without
 * subscribers reads storage again on `get()`, so it follows other tabs holding no listener.
 *
 * @example
 * const session = createSessionMethods(core);
 * session.get(); // the first call starts the session: the stored ID, or a new one
 */
export const createSessionMethods = (core: SessionCore): Session => {
  const { config: { server }, validate, state, storage, report, commit, disposed, scope, initial, decode, fresh } = core;
  const { listen, readAgain } = createChangeListener(core);
  let started = false;
  // What made the first read fail, when no ID could be made (a sync backend's: get() throws it).
  let failure: { error: unknown } | undefined;
  // The first read failed, either way: get() reads storage again, for an ID stored since.
  let failed = false;
  let stopLive: (() => void)[] = [];
  let rereading: Promise<unknown> | undefined;
  let lastRead: unknown;

  const load = (raw: string | null | undefined) => {
    const copied = scope.copied?.();
    // A change from elsewhere may have arrived while a slow read was pending: keep it.
    if (state.current()) return;
    const stored = decode(raw);
    if (stored && copied) return moveDuplicatedTab(core, stored);
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
        // No ID could be made (generateId, crypto): ready() and refresh() reject with it, and
        // get() throws it, every time (whichever of them came first) while there is no ID.
        state.fail(error);
        failure = { error };
        failed = true;
        return;
      }
    raw.then(load).catch((error: unknown) => {
      state.fail(error);
      failed = true;
      report(error instanceof SessionError ? error.code : "storage-unavailable", error);
    });
  };
  // Nothing listens to storage without subscribers, so get() reads it again (a sync backend at
  // once, an async one in the background for the next call); a later value is adopted.
  const reread = () => {
    if (rereading || disposed()) return;
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
  };
  const stop = () => stopLive.splice(0).forEach((stop) => stop());
  const { refresh } = createRefresh(core, start);

  return {
    get() {
      if (server) return initial;
      if (!started) start();
      else if (!stopLive.length && (state.current() || failed)) reread();
      const current = state.current();
      // Until another session of the page stores an ID this one adopts.
      if (failure && !current) throw failure.error;
      return current?.id;
    },
    getInitial: () => initial,
    subscribe(listener) {
      // A session that already holds an ID may have missed a change made since its last get(),
      // when nothing listened (React subscribes after it renders): listening catches up on it.
      const catchUp = started && !!state.current();
      start();
      state.listeners.add(listener);
      if (!stopLive.length && !server && !disposed()) {
        stopLive = listen();
        // Only now: a listener it tells may subscribe again or dispose the session.
        if (catchUp) readAgain();
      }
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
};
