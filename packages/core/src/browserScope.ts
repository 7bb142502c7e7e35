import { withCrossTabLock } from "./crossTabLock.ts";
import { messageFor } from "#messages";
import type { SessionScope } from "./sessionScope.ts";
import { SessionError } from "./SessionError.ts";
import { decodeStored, isLater, type StoredSession } from "./storedSession.ts";
import { createVouchingMarks } from "./vouchingMarks.ts";

/**
 * The scope of browser-wide storage (localStorage, IndexedDB, a cookie): every tab shares the
 * value. See "How tabs agree" in the README for why each step is here.
 *
 * - Refreshes, and repairs after an external removal, run under one Web Lock per key, so one
 *   tab at a time reads the latest value, runs the app's callback and commits.
 * - The latest value is the latest of three, by generation: what storage holds, what this tab
 *   holds, and the marks: held locks by which every live tab vouches for the value it holds
 *   (why the lock manager holds them: vouchingMarks.ts).
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
  const { mark, latest: latestMark, live, dispose } = createVouchingMarks(lockName, validate, disposed);
  let repairing: Promise<void> | undefined;
  let repairAgain = false;
  const same = (a?: StoredSession, b?: StoredSession) => a?.id == b?.id && a?.gen == b?.gen;
  const locked = <T>(run: (locks?: LockManager) => Promise<T>) => withCrossTabLock(lockName, lockTimeout, report, run);

  const latest = async (locks?: LockManager) => {
    let best = await latestMark(locks, state.current());
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
    live: () => live(state),
    dispose,
  };
};
