import { messageFor } from "#messages";
import { activityClock } from "./activityClock.ts";
import { activityStore, encodeActivity } from "./activityStore.ts";
import { activitySync } from "./activitySync.ts";
import { activityWriter } from "./activityWriter.ts";
import { hiddenId } from "./hiddenId.ts";
import type { LifetimeCore } from "./lifetimeCore.ts";
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

const invalid = (detail: string) => new SessionError("invalid-option", messageFor("invalid-option", `lifetime.${detail}`));
const isTime = (value: unknown) => typeof value == "number" && value > 0 && value <= 2 ** 31 - 1;

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
    const expiredError = () => new SessionError("session-expired", messageFor("session-expired"));
    if (server) return { ...session, forRequest: session.ready, touch() {}, end: async () => ended() };
    let disposed = false;
    const core: LifetimeCore = {
      session,
      backend,
      key,
      validate,
      report,
      onExpire,
      activityInterval,
      store: activityStore(backend, key, report),
      clock: activityClock(idle, maxAge),
      disposed: () => disposed,
      markDisposed() {
        disposed = true;
      },
    };
    const { store, clock } = core;
    const writer = activityWriter(core);
    const hidden = hiddenId(core);
    const sync = activitySync(core, writer, hidden.reveal);
    let checking: Promise<SessionId> | undefined;

    // Rotates away from `id` if it is still the latest and still expired under the refresh lock.
    const expire = (id: SessionId) =>
      rotateFrom(session, id, async (next, signal) => {
        await sync(id);
        if (!clock.expired()) return false;
        try {
          await onExpire?.(id, next, signal);
        } catch (error) {
          if (!signal.aborted) report("expire-callback", error);
        }
      }).catch((error: unknown) => {
        // A page disposed while its check waited for the refresh queue has nothing to report.
        if (!disposed) report(error instanceof SessionError ? error.code : "storage-unavailable", error);
      });

    const runCheck = async (): Promise<SessionId> => {
      let id = session.get() ?? (await session.ready());
      if (disposed) return id;
      if (!clock.knows(id)) await sync(id);
      if (clock.expired()) {
        // Expired by what this page knows: another tab may have been active since.
        await sync(id);
        if (clock.expired()) await expire(id);
        id = session.get() ?? id;
        if (!clock.knows(id)) await sync(id);
      }
      return id;
    };
    const check = () =>
      (checking ??= runCheck().finally(() => {
        checking = undefined;
        hidden.reveal();
      }));
    const quietly = () => void check().catch(() => {});
    // The ID after a check of its own: a check that was already running may have ended before
    // the deadline, or on an ID the session has since left (a rotation in another tab, a log-in
    // here); then another, which may be joined too: three rounds at most, as IDs could keep moving.
    const checked = async () => {
      for (let round = 0; ; round++) {
        const shared = !!checking;
        const id = await check();
        if (round == 2 || (id == session.get() && (clock.alive(id) || !shared))) return id;
      }
    };

    const touch = () => {
      if (disposed) return;
      const id = session.get();
      if (!clock.alive(id)) return void check().then(() => clock.alive(session.get()) && touch()).catch(() => {});
      clock.markActive();
      writer.writeSoon();
    };

    // While subscribed: a timer for the deadline, checks on waking, and the last activity
    // written before the page hides.
    let subscribers = 0;
    let stopLive: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      // Still expired after a check means the rotation failed: try again a little later.
      const wait = clock.left();
      if (stopLive && wait != Infinity) timer = setTimeout(wake, Math.min(wait > 0 ? wait : activityInterval, 2 ** 31 - 1));
    };
    const wake = () => void check().then(arm, arm);
    const { flush } = writer;
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
        if (!id || disposed) return id;
        // With a sync backend the record is read at once, so a first get() already knows.
        if (!clock.knows(id)) void sync(id);
        if (clock.alive(id)) return id;
        // Not known yet (an async backend's read), or expired: shown as no ID until checked, so
        // what reads get() (sessionArgs, a query's arguments) never sends an expired one.
        hidden.hide();
        quietly();
        return undefined;
      },
      // Like forRequest, never an expired ID, but not counted as activity.
      async ready() {
        const id = await checked();
        if (!clock.alive(id)) throw expiredError();
        return id;
      },
      // The new ID's age starts at its commit, not at its first use.
      async refresh(beforeCommit) {
        const id = await session.refresh(beforeCommit);
        // A page disposed while the callback ran still commits; its new ID's age starts now too.
        if (disposed) {
          const now = Date.now();
          store.write(() => encodeActivity({ id, started: now, active: now }));
        } else await sync(id);
        return id;
      },
      subscribe(listener) {
        const stop = session.subscribe(listener);
        const unlisten = hidden.listen(listener);
        if (!subscribers++ && !disposed) goLive();
        let subscribed = true;
        return () => {
          if (!subscribed) return;
          subscribed = false;
          unlisten();
          stop();
          if (!--subscribers) stopLive?.();
        };
      },
      async forRequest() {
        const id = await checked();
        if (!clock.alive(id)) throw expiredError();
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
        if (id && !clock.knows(id)) await sync(id);
        return ended();
      },
      dispose() {
        flush();
        core.markDisposed();
        stopLive?.();
        writer.cancel();
        hidden.clear();
        session.dispose();
      },
    };
  };
};
