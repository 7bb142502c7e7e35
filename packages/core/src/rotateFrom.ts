import type { SessionError } from "./SessionError.ts";
import type { Session, SessionId } from "./types.ts";

/**
 * Rotates `session` away from `id`, but only if `id` is still the latest ID: for browser-wide
 * storage that is decided under the refresh lock, so when every tab finds the same ID ended,
 * one rotates and the others adopt its new ID (the callback runs once per browser). `beforeCommit`
 * runs in the refresh (return `false` to leave `id` in place after all). Resolves to the ID the
 * session holds afterwards; rejects only when the rotation itself failed.
 *
 * @example
 * // The server says the session we sent is over: every tab moves on, once.
 * if (response.status == 440) await rotateFrom(session, sentId);
 */
export const rotateFrom = async (
  session: Session,
  id: SessionId,
  beforeCommit?: (next: SessionId, signal: AbortSignal) => unknown,
): Promise<SessionId> => {
  // Thrown inside the refresh callback to stop it without committing; never leaves here.
  const skip = {};
  try {
    return await session.refresh(async (next, previous, signal) => {
      if (previous != id || (await beforeCommit?.(next, signal)) === false) throw skip;
    });
  } catch (error) {
    // Skipped, or another tab committed meanwhile without the lock: either way `id` is behind us
    // unless it was skipped on purpose, and the session holds the latest ID now.
    if (error !== skip && (error as SessionError)?.code != "refresh-conflict") throw error;
    return session.get() ?? session.ready();
  }
};
