import { messageFor, warn } from "#messages";
import { redactIds } from "./redactIds.ts";
import { SessionError, type SessionErrorCode } from "./SessionError.ts";

/** Tells the app about a fault the session survived. */
export type Report = (code: SessionErrorCode, cause?: unknown, detail?: string) => void;

/**
 * Builds the session's `report`: every fault becomes a `SessionError` whose cause has the
 * session's IDs (`ids`, current and past) blanked out, handed to `onError`. An `onError` that
 * throws never breaks the session. Without `onError`, a development build warns about each code
 * once on the console, so a fault is never silent while an app is being built.
 */
export const createReporter = (onError: ((error: SessionError) => void) | undefined, ids: Iterable<string>): Report => {
  const warned = new Set<SessionErrorCode>();
  return (code, cause, detail) => {
    const error = new SessionError(code, messageFor(code, detail), cause === undefined ? undefined : redactIds(cause, ids));
    if (onError)
      try {
        onError(error);
      } catch (thrown) {
        warn("on-error", redactIds(thrown, ids));
      }
    else if (!warned.has(code)) {
      warned.add(code);
      warn(`fault:${code}`, error);
    }
  };
};
