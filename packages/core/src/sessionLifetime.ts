import { messageFor } from "#messages";
import { isPromise } from "./isPromise.ts";
import { rotateFrom } from "./rotateFrom.ts";
import { SessionError } from "./SessionError.ts";
import type { Session, SessionId, SessionLifetime } from "./types.ts";

/** Options of {@link sessionLifetime}; times in milliseconds, each at most 2147483647 (24.8 days). */
export interface LifetimeOptions {
  /** Ends the session after this long without activity (PostHog and Amplitude: 30 minutes). */
  idleTimeout?: number;
  /** Ends the session this long after its ID was made, active or not (PostHog: 24 hours). */
  maxAge?: number;
  /**
   * Runs once per expiry, before the new ID is committed (once per browser with browser-wide
   * storage), with the expired ID: tell the server to end it. Nothing is moved (log-out). If it
   * fails, that is reported (`expire-callback`) and the session rotates anyway; if it has not
   * settled within `refreshTimeout`, its signal aborts and the next check tries again (helpers
   * meanwhile reject with `session-expired` rather than send the expired ID).
   */
  onExpire?: (expired: SessionId, next: SessionId, signal: AbortSignal) => unknown;
  /** At most how often a tab writes its activity to storage, where other tabs read it. Default 5000 ms. */
  activityInterval?: number;
}

/** When the ID was made and last active, by the wall clock (ms since the epoch). */
interface Activity {
  id: SessionId;
  started: number;
  active: number;
}

// Kept under `<key>:lifetime` in the session's own backend, so it is shared exactly as the ID is
// (per tab, or by every tab), and the ID's own value keeps the format every version reads.
const encode = ({ id, started, active }: Activity) => `${id}.${started.toString(36)}.${active.toString(36)}`;
const decode = (raw: unknown, validate: (value: string) => boolean): Activity | undefined => {
  const match = typeof raw == "string" ? /^(.+)\.([0-9a-z]{1,10})\.([0-9a-z]{1,10})$/.exec(raw) : null;
  if (match && validate(match[1]!)) return { id: match[1] as SessionId, started: parseInt(match[2]!, 36), active: parseInt(match[3]!, 36) };
};

const invalid = (detail: string) => new SessionError("invalid-option", messageFor("invalid-option", `lifetime.${detail}`));
const isTime = (value: unknown) => typeof value == "number" && value > 0 && value <= 2 ** 31 - 1;

// How long a tab waits for the stored activity before deciding on what it knows itself.
const readTimeout = 1000;

/**
 * Gives a session an idle timeout and/or a maximum age, and lets the helpers' `ended` option
 * rotate a session the server ended (`session.end`; that alone needs no timeout). Activity is every call the helpers send
 * (`withSessionId`, `sessionFetch`, the adapters' and Convex's) and every `session.touch()`; with
 * browser-wide storage any tab's activity keeps the session alive for all, and an expiry rotates
 * once for the browser. The check runs before every call a helper sends, on waking (`pageshow`,
 * `visibilitychange`, `resume`) and by a timer, which is never trusted alone: time is measured by
 * the wall clock and this page's monotonic clock, whichever says more.
 *
 * @example
 * import { createSession, localStorageBackend } from "@sessionid/core";
 * import { sessionLifetime } from "@sessionid/core/lifetime";
 *
 * const session = createSession({
 *   storage: localStorageBackend(),
 *   lifetime: sessionLifetime({
 *     idleTimeout: 30 * 60_000,
 *     maxAge: 24 * 60 * 60_000,
 *     onExpire: (expired, _next, signal) => fetch("/api/logout", { method: "POST", body: expired, signal }),
 *   }),
 * });
 * document.addEventListener("pointerdown", () => session.touch?.());
 */
export const sessionLifetime = (options: LifetimeOptions = {}): SessionLifetime => {
  if (typeof options != "object" || !options) throw invalid("options");
  for (const name of ["idleTimeout", "maxAge", "activityInterval"] as const) {
    const value = options[name];
    if (value !== undefined && !isTime(value)) throw invalid(`${name}:${typeof value == "number" ? value : typeof value}`);
  }
  if (options.onExpire !== undefined && typeof options.onExpire != "function") throw invalid(`onExpire:${typeof options.onExpire}`);
  const { idleTimeout: idle, maxAge, onExpire, activityInterval = 5000 } = options;

  return (session, { storage: backend, key, validate, server }, report): Session => {
    const ended = () => new SessionError("session-ended", messageFor("session-ended"));
    if (server) return { ...session, forRequest: session.ready, touch() {}, end: async () => ended() };
    const recordKey = `${key}:lifetime`;
    let activity: Activity | undefined;
    // The same two moments on this page's monotonic clock (performance.now()).
    let startedAt = 0;
    let activeAt = 0;
    let writtenAt = -Infinity;
    // What storage held or was given last: a record read back unchanged says nothing new.
    let lastRaw: unknown;
    let syncing: { id: SessionId; done: Promise<void> } | undefined;
    let checking: Promise<SessionId> | undefined;
    let faulted = false;

    const fault = (code: "storage-write" | "storage-unavailable", error: unknown) => {
      if (!faulted) report(code, error, recordKey);
      faulted = true;
    };
    // Time since a moment known on both clocks, whichever says more: a wall clock set back never
    // extends a session, and one set forward ends it as a system sleep that long would (a page
    // cannot tell them apart: Chromium's monotonic clock stops while Linux sleeps).
    const since = (wall: number, mono: number) => Math.max(Date.now() - wall, performance.now() - mono);
    // A stored wall-clock moment on this page's monotonic clock; one in the future counts as now.
    const onThisClock = (wall: number) => performance.now() - Math.max(0, Date.now() - wall);
    const left = () =>
      activity
        ? Math.min(idle ? idle - since(activity.active, activeAt) : Infinity, maxAge ? maxAge - since(activity.started, startedAt) : Infinity)
        : Infinity;
    const expired = () => left() <= 0;

    const write = () => {
      if (!activity) return;
      writtenAt = performance.now();
      lastRaw = encode(activity);
      try {
        const result = backend.set(recordKey, lastRaw as string);
        if (isPromise(result)) result.then(undefined, (error: unknown) => fault("storage-write", error));
      } catch (error) {
        fault("storage-write", error);
      }
    };
    const read = async (): Promise<unknown> => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        return await Promise.race([backend.get(recordKey), new Promise((resolve) => (timer = setTimeout(resolve, readTimeout, lastRaw)))]);
      } catch (error) {
        fault("storage-unavailable", error);
        return lastRaw;
      } finally {
        clearTimeout(timer);
      }
    };

    // Brings what this tab knows of `id`'s activity up to date with storage (another tab, an
    // earlier page of this tab); a new ID (a refresh, an expiry, a copied tab, or one stored before
    // lifetimes existed) starts now.
    const sync = (id: SessionId): Promise<void> => {
      if (syncing?.id == id) return syncing.done;
      const done = (async () => {
        const raw = await read();
        const stored = decode(raw, validate);
        if (session.get() != id) return;
        const known = activity?.id == id ? activity : undefined;
        if (stored?.id == id && (!known || raw != lastRaw)) {
          lastRaw = raw;
          activeAt = known ? Math.max(activeAt, onThisClock(stored.active)) : onThisClock(stored.active);
          startedAt = known ? Math.min(startedAt, onThisClock(stored.started)) : onThisClock(stored.started);
          activity = {
            id,
            started: known ? Math.min(known.started, stored.started) : stored.started,
            active: known ? Math.max(known.active, stored.active) : stored.active,
          };
        } else if (stored?.id != id) {
          if (!known) {
            const now = Date.now();
            activity = { id, started: now, active: now };
            startedAt = activeAt = performance.now();
          }
          // New, or storage lost it (removed, junk, another ID's): this tab's knowledge goes back.
          write();
        }
      })().finally(() => {
        if (syncing?.done == done) syncing = undefined;
      });
      syncing = { id, done };
      return done;
    };

    // Rotates away from `id` if it is still the latest and still expired under the refresh lock.
    const expire = (id: SessionId) =>
      rotateFrom(session, id, async (next, signal) => {
        await sync(id);
        if (!expired()) return false;
        try {
          await onExpire?.(id, next, signal);
        } catch (error) {
          if (!signal.aborted) report("expire-callback", error);
        }
      }).catch((error: unknown) => report(error instanceof SessionError ? error.code : "storage-unavailable", error));

    const runCheck = async (): Promise<SessionId> => {
      let id = session.get() ?? (await session.ready());
      if (activity?.id != id) await sync(id);
      if (expired()) {
        // Expired by what this tab knows: another tab may have been active since.
        await sync(id);
        if (expired()) await expire(id);
        id = session.get() ?? id;
        if (activity?.id != id) await sync(id);
      }
      return id;
    };
    const check = () => (checking ??= runCheck().finally(() => (checking = undefined)));
    const quietly = () => void check().catch(() => {});

    const touch = () => {
      const id = session.get();
      if (!id || activity?.id != id || expired()) return void check().then(() => !expired() && touch(), () => {});
      activity.active = Date.now();
      activeAt = performance.now();
      if (activeAt - writtenAt >= activityInterval) write();
    };

    // While subscribed: a timer for the deadline, checks on waking, and the last activity
    // written before the page hides.
    let subscribers = 0;
    let stopLive: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      // Still expired after a check means the rotation failed: try again a little later.
      const wait = left();
      if (stopLive && wait != Infinity) timer = setTimeout(wake, Math.min(wait > 0 ? wait : activityInterval, 2 ** 31 - 1));
    };
    const wake = () => void check().then(arm, arm);
    const flush = () => activity && activeAt > writtenAt && write();
    const onVisibility = () => (document.visibilityState == "hidden" ? flush() : wake());
    const goLive = () => {
      // Another tab rotated (or this one): the new ID's activity, and a new deadline.
      const stopFollowing = session.subscribe(wake);
      addEventListener("pageshow", wake);
      addEventListener("pagehide", flush);
      document.addEventListener("visibilitychange", onVisibility);
      document.addEventListener("resume", wake);
      stopLive = () => {
        stopLive = undefined;
        clearTimeout(timer);
        stopFollowing();
        removeEventListener("pageshow", wake);
        removeEventListener("pagehide", flush);
        document.removeEventListener("visibilitychange", onVisibility);
        document.removeEventListener("resume", wake);
      };
      wake();
    };

    return {
      ...session,
      get() {
        const id = session.get();
        // Noticed on reading too, so a tab that only renders moves on (and a first get() starts it).
        if (id && (activity?.id != id || expired())) quietly();
        return id;
      },
      ready: check,
      // The new ID's age starts at its commit, not at its first use.
      async refresh(beforeCommit) {
        const id = await session.refresh(beforeCommit);
        await sync(id);
        return id;
      },
      subscribe(listener) {
        const stop = session.subscribe(listener);
        if (!subscribers++) goLive();
        let subscribed = true;
        return () => {
          if (!subscribed) return;
          subscribed = false;
          stop();
          if (!--subscribers) stopLive?.();
        };
      },
      async forRequest() {
        const id = await check();
        if (expired()) throw new SessionError("session-expired", messageFor("session-expired"));
        touch();
        return id;
      },
      touch,
      async end(sent) {
        try {
          await rotateFrom(session, sent);
        } catch (error) {
          return error instanceof SessionError ? error : ended();
        }
        const id = session.get();
        if (id && activity?.id != id) await sync(id);
        return ended();
      },
      dispose() {
        stopLive?.();
        session.dispose();
      },
    };
  };
};
