import type { Report } from "./createReporter.ts";
import { isLater, type StoredSession } from "./storedSession.ts";
import { tellListeners } from "./tellListeners.ts";
import type { SessionId } from "./types.ts";

/** The current ID, its subscribers and the first-ID promise; see {@link createSessionState}. */
export type SessionState = ReturnType<typeof createSessionState>;

/**
 * A session's state: the current value, the subscribers, every ID the session ever made or held
 * (so errors can blank them out), and `ready`, settled by the first ID. IDs only move forward:
 * `adopt` ignores anything not later than the current value.
 */
export const createSessionState = (report: Report, ids: Set<string>) => {
  let current: StoredSession | undefined;
  const listeners = new Set<(id: SessionId | undefined) => void>();
  // Told of every adopted value (a new generation too), for the scope; not subscribers.
  let observer: ((value: StoredSession) => void) | undefined;
  let settle!: (id: SessionId) => void;
  let fail!: (error: unknown) => void;
  const first = new Promise<SessionId>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  // A failed first load reaches ready()'s callers and onError, never "unhandled".
  first.catch(() => {});

  return {
    ids,
    listeners,
    first,
    fail,
    current: () => current,
    observe: (next: typeof observer) => void (observer = next),
    /** Moves to `next` when it is later than the current value; subscribers hear a new ID once. */
    adopt(next: StoredSession | undefined): boolean {
      if (!isLater(next, current)) return false;
      const changed = next.id != current?.id;
      current = next;
      ids.add(next.id);
      settle(next.id);
      observer?.(next);
      if (changed) tellListeners(listeners, next.id, report);
      return true;
    },
  };
};
