/**
 * What went wrong, as a stable string to switch on. The core README lists each with its fix.
 * - `storage-unavailable`: storage is missing, blocked or failed to read; the session lives in memory.
 * - `storage-write`: storage refused a write (quota, blocked cookie); the session lives in memory.
 * - `storage-timeout`: an async backend did not answer within `storageTimeout`; the session lives in memory.
 * - `invalid-stored-value`: storage held something that is not a session ID; it was replaced.
 * - `invalid-id`: `generateId` returned a value that `validate` rejects.
 * - `no-crypto`: no `crypto.getRandomValues`; pass `generateId`.
 * - `lock-timeout`: the cross-tab refresh lock was not granted in time; a commit guard was used.
 * - `refresh-conflict`: another tab committed during this refresh without the lock; this tab
 *   adopted that tab's ID and `refresh` rejected, so its callback's `next` was not committed.
 * - `refresh-timeout`: the refresh callback did not settle within `refreshTimeout`; its signal
 *   was aborted and nothing changed.
 * - `duplicate-tab`: this tab was a copy of another tab; `onDuplicate` failed, the tab still moved.
 * - `listener`: a subscriber threw.
 * - `server`: no ID can be known during this server render, or `refresh()` was called there.
 * - `invalid-option`: `createSession` got an option it cannot use.
 * - `invalid-argument`: a method got an argument it cannot use (`refresh("notfn")`).
 * - `disposed`: the session was disposed; `refresh()` changes nothing after that.
 * - `no-provider`: a framework hook found no provider above it (see {@link missingProvider}).
 * - `session-expired`: the session is past its idle timeout or maximum age and could not rotate
 *   yet (its `onExpire` timed out, say); a helper refused to send the expired ID.
 * - `session-ended`: the server said the session ended (the helper's `ended` option); the
 *   session rotated, and the call that found out rejects with this.
 * - `expire-callback`: `onExpire` failed; the session rotated anyway (log-out semantics).
 */
export type SessionErrorCode =
  | "storage-unavailable"
  | "storage-write"
  | "storage-timeout"
  | "invalid-stored-value"
  | "invalid-id"
  | "no-crypto"
  | "lock-timeout"
  | "refresh-conflict"
  | "refresh-timeout"
  | "duplicate-tab"
  | "listener"
  | "server"
  | "invalid-option"
  | "invalid-argument"
  | "disposed"
  | "no-provider"
  | "session-expired"
  | "session-ended"
  | "expire-callback";

/**
 * An error from the session. Its message says what happened and what to do; it never
 * contains a session ID, and neither does its `cause` (a copy of the original error with every
 * ID of the session blanked out).
 *
 * @example
 * createSession({
 *   onError(error) {
 *     if (error.code === "storage-write") showBanner("Your browser storage is full.");
 *   },
 * });
 */
export class SessionError extends Error {
  override name = "SessionError";
  constructor(
    readonly code: SessionErrorCode,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}
