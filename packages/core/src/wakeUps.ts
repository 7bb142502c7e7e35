import type { LifetimeCore } from "./lifetimeCore.ts";
import type { SessionId } from "./types.ts";

/**
 * What checks the session while it has subscribers, without a call to wait for: a timer for the
 * deadline, and a check on waking (`pageshow`, `visibilitychange`, `resume`) and on every new ID.
 * The timer is never trusted alone: each check measures the time left again, on both clocks.
 * (The last activity is written before the page hides by activityWriter, subscribers or not.)
 *
 * @example
 * const live = wakeUps(core, check);
 * live.start(); // on the first subscriber
 * live.stop(); // when the last one leaves, or on dispose
 */
export const wakeUps = (
  { session, clock, activityInterval }: LifetimeCore,
  check: () => Promise<SessionId>,
) => {
  let stopLive: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const arm = () => {
    clearTimeout(timer);
    // Still expired after a check means the rotation failed: try again a little later.
    const wait = clock.left();
    if (stopLive && wait != Infinity) timer = setTimeout(wake, Math.min(wait > 0 ? wait : activityInterval, 2 ** 31 - 1));
  };
  const wake = () => void check().then(arm, arm);
  const onVisibility = () => document.visibilityState != "hidden" && wake();

  return {
    start() {
      // Another tab rotated (or this one): the new ID's activity, and a new deadline.
      const stopFollowing = session.subscribe(wake);
      // (No window or document events in React Native, a worker or a Node script: the timer and
      // new IDs wake it there.)
      globalThis.addEventListener?.("pageshow", wake);
      globalThis.document?.addEventListener("visibilitychange", onVisibility);
      globalThis.document?.addEventListener("resume", wake);
      stopLive = () => {
        stopLive = undefined;
        clearTimeout(timer);
        stopFollowing();
        globalThis.removeEventListener?.("pageshow", wake);
        globalThis.document?.removeEventListener("visibilitychange", onVisibility);
        globalThis.document?.removeEventListener("resume", wake);
      };
      wake();
    },
    stop() {
      stopLive?.();
    },
  };
};

/** What {@link wakeUps} returns. */
export type WakeUps = ReturnType<typeof wakeUps>;
