import { messageFor } from "#messages";
import { activityClock } from "./activityClock.ts";
import { activityStore } from "./activityStore.ts";
import { endedError, lifetimeMethods } from "./lifetimeMethods.ts";
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
    // On the server nothing expires: no activity is kept, and an ended session has nothing to rotate.
    if (server) {
      return { ...session, forRequest: session.ready, touch() {}, end: async () => endedError() };
    }
    let disposed = false;
    // The ID this page's own refresh commits next (its callback succeeded): no other tab has
    // activity of it, and its age starts at its commit, so get() can show it at once.
    let committing: SessionId | undefined;
    return lifetimeMethods({
      session: {
        ...session,
        refresh: (beforeCommit) =>
          session.refresh(
            // (A wrong argument goes on as it is, for the session's own invalid-argument.)
            typeof beforeCommit != "function" && beforeCommit !== undefined
              ? beforeCommit
              : async (next, previous, signal) => {
                  await beforeCommit?.(next, previous, signal);
                  committing = next;
                },
          ),
      },
      committing: () => committing,
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
    });
  };
};
