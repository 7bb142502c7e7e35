import { holdLock, withCrossTabLock } from "./crossTabLock.ts";
import { messageFor } from "#messages";
import type { SessionScope } from "./sessionScope.ts";
import { SessionError } from "./SessionError.ts";
import { decodeStored, encodeStored, isLater, type StoredSession } from "./storedSession.ts";

/**
 * The scope of browser-wide storage (localStorage, IndexedDB, a cookie): every tab shares the
 * value. See "How tabs agree" in the README for why each step is here.
 *
 * - Refreshes, and repairs after an external removal, run under one Web Lock per key, so one
 *   tab at a time reads the latest value, runs the app's callback and commits.
 * - The latest value is the latest of three, by generation: what storage holds, what this tab
 *   holds, and the marks: held locks named `<lock>#<id>.<gen>`, one per live tab for the value it
 *   holds (and the committing tab's for what it committed). Storage survives every tab; the lock
 *   manager is the one place every tab sees in the same order (in Chromium another tab's
 *   localStorage write can reach this one after the lock does), and it holds what live tabs hold
 *   even while storage is empty after a removal. So a committer that has closed since, a stale
 *   read, or a new tab that started on a fresh ID while the key was gone, cannot make a refresh
 *   start from an older ID.
 * - Before committing, the latest is read again: a tab that committed meanwhile without the lock
 *   (its wait timed out) wins, and this refresh rejects with `refresh-conflict`.
 * - A value heard from another tab is adopted only when it is later; anything else (removed,
 *   junk, older) is repaired under the lock with the latest value, never with what this tab
 *   happens to hold.
 * - After the back/forward cache restores the page, storage is read again.
 *
 * @example
 * import { browserScope, type StorageBackend } from "@sessionid/core";
 * const shared: StorageBackend = { get, set, remove, subscribe, scope: browserScope };
 */
export const browserScope: SessionScope = ({ key, validate, lockTimeout, state, storage, report, commit, disposed }) => {
  const lockName = `sessionid:${key}`;
  const markPrefix = `${lockName}#`;
  const locks = typeof navigator < "u" ? navigator.locks : undefined;
  let dropMark: (() => void) | undefined;
  let marked: string | undefined;
  let marking: Promise<void> = Promise.resolve();
  let repairing: Promise<void> | undefined;
  let repairAgain = false;
  const same = (a?: StoredSession, b?: StoredSession) => a?.id == b?.id && a?.gen == b?.gen;

  // A page that enters the back/forward cache holding a lock is evicted from it as soon as
  // another tab queries the lock manager (Chromium: "weblocks-contention"), so marks are dropped
  // on pagehide and taken again when the page is shown from the cache. Firefox does not put a
  // page in the cache at all if it still holds a Web Lock when it navigates away, which it
  // decides before pagehide: marks are dropped on beforeunload too. (A navigation that then does
  // not happen leaves the tab without its mark until its next value; storage still holds it.)
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
  const locked = <T>(run: (locks?: LockManager) => Promise<T>) => withCrossTabLock(lockName, lockTimeout, report, run);

  const latest = async (locks?: LockManager) => {
    let best = state.current();
    for (const { name = "" } of (locks && (await locks.query()).held) || []) {
      const mark = name.startsWith(markPrefix) ? decodeStored(name.slice(markPrefix.length), validate) : undefined;
      if (isLater(mark, best)) best = mark;
    }
    const stored = decodeStored(await storage.read(), validate);
    if (isLater(stored, best)) best = stored;
    // Another tab's ID is this session's too: blank it out of any error a write of it causes.
    if (best) state.ids.add(best.id);
    return best;
  };

  // One repair at a time; a change heard while one runs makes it run once more.
  const repair = (): Promise<void> => {
    if (repairing) {
      repairAgain = true;
      return repairing;
    }
    repairAgain = false;
    return (repairing = locked(async (locks) => {
      let best = await latest(locks);
      // Disposed while the repair waited (for the lock, or storage): it writes nothing any more.
      if (disposed()) return;
      // Generation 0 is what a tab makes when it finds no ID; under the lock it becomes 1.
      if (best?.gen == 0) best = { id: best.id, gen: 1 };
      // Written even when storage here reads `best` already: this tab may have heard the change
      // before its own storage shows it (Firefox relays another process's cookie write to this
      // one after the channel message can arrive), and would then leave the key removed.
      if (best) await storage.write(best);
      state.adopt(best);
      // Before the lock is released, so the next holder sees it even if storage there lags.
      if (locks && best) await mark(best);
    })
      .catch((error) => report("storage-unavailable", error, key))
      .finally(() => {
        repairing = undefined;
        if (repairAgain && !disposed()) void repair();
      }));
  };

  return {
    rotate: async (prepare) => {
      // After this tab's own repair (a promotion to generation 1 too), which would otherwise,
      // without Web Locks, look like another tab's commit.
      await repairing;
      return locked(async (locks) => {
        const base = await latest(locks);
        state.adopt(base);
        const next = await prepare(base);
        const now = await latest(locks);
        if (isLater(now, base)) {
          state.adopt(now);
          throw new SessionError("refresh-conflict", messageFor("refresh-conflict"));
        }
        await commit(next);
        // Before the lock is released, so the next holder sees it even if storage there lags.
        if (locks) await mark(next);
        return next;
      });
    },
    // A value at generation 0 is one a tab made because it found no ID (or the first one ever, or
    // a bare 0.1 ID): a new tab that starts while the key is removed or holds junk makes one too.
    // It is promoted to generation 1 at once (a repair), so it never outranks, by the ID
    // tie-break, the ID the live tabs hold: theirs is always at least 1.
    loaded(value) {
      if (value.gen == 0 && !disposed()) void repair();
    },
    heard(stored) {
      const current = state.current();
      if (!state.adopt(stored) && !disposed() && !same(stored, current)) void repair();
    },
    live() {
      // While live, this tab vouches for every value it holds, also after a back/forward restore.
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
