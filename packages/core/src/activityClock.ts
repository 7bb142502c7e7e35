import type { Activity } from "./activityStore.ts";
import type { SessionId } from "./types.ts";

/** A moment on both clocks: the wall clock (`Date.now()`) and this page's monotonic one (`performance.now()`). */
export type Moment = [wall: number, mono: number];

// A stored moment this far ahead of this page's wall clock is a clock corrected back a little
// (NTP); further ahead, it was written before the clock was set back and cannot be placed in time.
const aheadTolerance = 60_000;

/**
 * Time since a moment known on both clocks, whichever says more: a wall clock set back never
 * extends a session, and one set forward ends it as a system sleep that long would (a page
 * cannot tell them apart: Chromium's monotonic clock stops while Linux sleeps).
 *
 * @example
 * const wall = Date.now();
 * const mono = performance.now();
 * since(wall, mono); // 0 now; after a sleep, at least as long as the sleep
 */
export const since = (wall: number, mono: number) => Math.max(Date.now() - wall, performance.now() - mono);

// A stored wall-clock moment on this page's monotonic clock; `undefined` if it cannot be placed.
const onThisClock = (wall: number) => {
  const ago = Date.now() - wall;
  return ago >= -aheadTolerance ? performance.now() - Math.max(0, ago) : undefined;
};

/**
 * What this page knows of the current ID's activity (when it started, when it was last active),
 * on both clocks, and how long it has left under an idle timeout (`idle`) and a maximum age.
 * It owns that knowledge: the other parts of a lifetime ask it, and tell it what they learn.
 *
 * @example
 * const clock = activityClock(30 * 60_000, undefined);
 * clock.fresh(id, [Date.now(), performance.now()]);
 * clock.alive(id); // true, for the next 30 minutes without activity
 * clock.markActive(); // a click: 30 minutes from now
 */
export const activityClock = (idle: number | undefined, maxAge: number | undefined) => {
  let activity: Activity | undefined;
  // The same two moments (activity.started, activity.active) on this page's monotonic clock
  // (performance.now()).
  let startedAt = 0;
  let activeAt = 0;

  const left = () =>
    activity
      ? Math.min(idle ? idle - since(activity.active, activeAt) : Infinity, maxAge ? maxAge - since(activity.started, startedAt) : Infinity)
      : Infinity;
  const expired = () => left() <= 0;

  return {
    /** What this page knows, as it is stored; `undefined` until it knows of an ID. */
    known: () => activity,
    /** Whether what this page knows is about `id`. */
    knows: (id: SessionId) => activity?.id == id,
    /** How long the session has left, in milliseconds (`Infinity` knowing nothing, or with no limit). */
    left,
    expired,
    /** Whether what this page knows is about the ID the session holds now, and still alive. */
    alive: (id: SessionId | undefined) => !!id && activity?.id == id && !expired(),
    /**
     * A new ID starts at `moment` (wall, monotonic): when this page asked storage about it, not
     * when an async answer came, which may be after a sleep.
     */
    fresh(id: SessionId, [wall, mono]: Moment) {
      activity = { id, started: wall, active: wall };
      startedAt = activeAt = mono;
    },
    /**
     * A stored record of the ID this page holds, merged into what it knows: activity only moves
     * later, the start only earlier, and a moment that cannot be placed in time (see
     * aheadTolerance) extends nothing; for the start, it leaves what this page knows (or, knowing
     * nothing, counts as long ago too).
     */
    merge(stored: Activity) {
      const known = activity?.id == stored.id ? activity : undefined;
      const storedStartedAt = onThisClock(stored.started);
      const storedActiveAt = onThisClock(stored.active);
      activeAt = Math.max(known ? activeAt : -Infinity, storedActiveAt ?? -Infinity);
      startedAt = known ? Math.min(startedAt, storedStartedAt ?? startedAt) : (storedStartedAt ?? -Infinity);
      // A stored moment ahead of this clock is never carried on as it is: written back by every
      // merge, it would hide all later activity from the other tabs until the clock caught up.
      const storedActive = storedActiveAt === undefined ? -Infinity : Math.min(stored.active, Date.now());
      activity = {
        id: stored.id,
        started: known ? Math.min(known.started, stored.started) : stored.started,
        active: known ? Math.max(known.active, storedActive) : storedActiveAt === undefined ? stored.active : storedActive,
      };
    },
    /** The ID this page knows of is active now (call only while it is `alive`). */
    markActive() {
      activity!.active = Date.now();
      activeAt = performance.now();
    },
  };
};

/** What {@link activityClock} returns. */
export type ActivityClock = ReturnType<typeof activityClock>;
