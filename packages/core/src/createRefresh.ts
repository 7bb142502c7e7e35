import { callWithTimeout } from "./callWithTimeout.ts";
import { failWith } from "./failWith.ts";
import { messageFor } from "#messages";
import type { SessionCore } from "./sessionCore.ts";
import { SessionError } from "./SessionError.ts";
import type { StoredSession } from "./storedSession.ts";
import type { BeforeCommit, SessionId } from "./types.ts";

/**
 * A session's `refresh`: it rotates to a new ID, one refresh of the tab at a time, each once the
 * first ID is known. `beforeCommit` runs first with the next ID (for at most `refreshTimeout`);
 * if it throws, nothing changes. The scope decides what a refresh starts from and commits it
 * (under a cross-tab lock, for browser-wide storage); without one it starts from this tab's
 * value. `start` starts the session, so a refresh before any other call reads storage first.
 *
 * @example
 * const { refresh } = createRefresh(core, start);
 * await refresh(async (next, previous, signal) => moveCart(previous, next, signal));
 */
export const createRefresh = ({ config: { server, refreshTimeout }, state, commit, disposed, scope, make }: SessionCore, start: () => void) => {
  let queue: Promise<unknown> = Promise.resolve();

  // Once a callback has moved server data to `next`, it is committed, even if the session was
  // disposed meanwhile; a refresh that has not called its callback yet stops here.
  const prepare = async (base: StoredSession | undefined, beforeCommit?: BeforeCommit) => {
    if (disposed()) throw new SessionError("disposed", messageFor("disposed"));
    const next = make((base?.gen ?? 0) + 1);
    if (beforeCommit) await callWithTimeout(refreshTimeout, (signal) => beforeCommit(next.id, base?.id, signal));
    return next;
  };
  const rotate = async (beforeCommit?: BeforeCommit) => {
    if (scope.rotate) return (await scope.rotate((base) => prepare(base, beforeCommit))).id;
    const next = await prepare(state.current(), beforeCommit);
    await commit(next);
    return next.id;
  };

  return {
    refresh(beforeCommit?: BeforeCommit): Promise<SessionId> {
      if (beforeCommit !== undefined && typeof beforeCommit != "function")
        return failWith("invalid-argument", typeof beforeCommit);
      if (server) return failWith("server", "refresh()");
      if (disposed()) return failWith("disposed");
      start();
      // After the first read (an ID adopted since, where none could be made first, counts).
      const run = queue.then(() => state.current()?.id ?? state.first).then(() => rotate(beforeCommit));
      // The next refresh waits for this one, whatever its outcome.
      queue = run.catch(() => {});
      return run;
    },
  };
};
