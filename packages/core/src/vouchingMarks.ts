import { holdLock } from "./crossTabLock.ts";
import type { SessionState } from "./sessionState.ts";
import { decodeStored, encodeStored, isLater, type StoredSession } from "./storedSession.ts";

/**
 * The marks a tab holds for the key whose Web Lock is `lockName`: held locks named
 * `<lock>#<id>.<gen>`, one per live tab for the value it holds (and the committing tab's for what
 * it committed). Storage survives every tab; the lock manager is the one place every tab sees in
 * the same order (in Chromium another tab's localStorage write can reach this one after the lock
 * does), and it holds what live tabs hold even while storage is empty after a removal. So a
 * committer that has closed since, a stale read, or a new tab that started on a fresh ID while the
 * key was gone, cannot make a refresh start from an older ID.
 *
 * `mark(value)` holds the mark of `value` (and drops the previous one); `latest(locks, best)` is
 * the latest of `best` and every tab's mark; `live(state)` marks every value the session holds
 * until what it returns is called; `dispose()` drops the mark and its listeners.
 *
 * @example
 * const marks = createVouchingMarks("sessionid:shop", isSessionId, disposed);
 * await marks.mark({ id, gen: 3 }); // other tabs now see generation 3 in navigator.locks.query()
 * const best = await marks.latest(navigator.locks, state.current());
 */
export const createVouchingMarks = (lockName: string, validate: (value: string) => boolean, disposed: () => boolean) => {
  const markPrefix = `${lockName}#`;
  const locks = typeof navigator < "u" ? navigator.locks : undefined;
  let dropMark: (() => void) | undefined;
  let marked: string | undefined;
  let marking: Promise<void> = Promise.resolve();

  // A page that enters the back/forward cache holding a lock is evicted from it as soon as
  // another tab queries the lock manager (Chromium: "weblocks-contention"), so marks are dropped
  // on pagehide and taken again when the page is shown from the cache (`live()` below).
  // Firefox does not put a page in the cache at all if it still holds a Web Lock when it
  // navigates away, which it decides before pagehide: marks are dropped on beforeunload too. (A
  // navigation that then does not happen leaves the tab without its mark until its next value;
  // storage still holds it.)
  const unmark = () => {
    marked = undefined;
    dropMark?.();
    dropMark = undefined;
  };
  let hiding = false;

  // Holds the mark of `value` (and drops the previous one): this tab vouches for what it holds.
  // Resolves once the mark of `value` is held (or could not be), also when asked twice.
  const mark = (value: StoredSession) => {
    const name = markPrefix + encodeStored(value);
    if (!locks || disposed() || name == marked) return marking;
    if (!hiding) {
      addEventListener("pagehide", unmark);
      addEventListener("beforeunload", unmark);
    }
    hiding = true;
    marked = name;
    return (marking = holdLock(locks, name).then((release) => {
      if (marked != name || disposed()) return release();
      dropMark?.();
      dropMark = release;
    }));
  };

  return {
    mark,
    // The latest of `best` and the marks `locks` shows held (none without a lock manager, nor
    // when it refuses to list them: then, as without Web Locks, storage and this tab decide).
    latest: async (locks: LockManager | undefined, best: StoredSession | undefined) => {
      const held = locks && (await locks.query().then(({ held }) => held, () => undefined));
      for (const { name = "" } of held || []) {
        const mark = name.startsWith(markPrefix) ? decodeStored(name.slice(markPrefix.length), validate) : undefined;
        if (isLater(mark, best)) best = mark;
      }
      return best;
    },
    // While the session is live, this tab vouches for every value it holds, also after a
    // back/forward restore (its marks were dropped on pagehide). Returns what stops it.
    live(state: SessionState) {
      state.observe(mark);
      const remark = () => {
        const current = state.current();
        if (current) void mark(current);
      };
      remark();
      const onPageShow = (event: PageTransitionEvent) => event.persisted && remark();
      addEventListener("pageshow", onPageShow);
      return () => {
        state.observe(undefined);
        removeEventListener("pageshow", onPageShow);
      };
    },
    dispose() {
      unmark();
      if (hiding) {
        removeEventListener("pagehide", unmark);
        removeEventListener("beforeunload", unmark);
      }
    },
  };
};
