/**
 * What went wrong, as a stable string to switch on.
 * - `storage-unavailable`: storage is missing, blocked or failed to read; the session lives in memory.
 * - `storage-write`: storage refused a write (quota, blocked cookie); the session lives in memory.
 * - `invalid-stored-value`: storage held something that is not a session ID; it was replaced.
 * - `invalid-id`: `generateId` returned a value that `validate` rejects.
 * - `no-crypto`: no `crypto.getRandomValues`; pass `generateId`.
 * - `lock-timeout`: the cross-tab refresh lock was not granted in time; a commit guard was used.
 * - `refresh-conflict`: another tab rotated first (no Web Lock); this tab adopted that tab's ID and
 *   `refresh` rejected, so its callback's `next` was not committed.
 * - `duplicate-tab`: this tab was found to be a duplicate but could not move to a new ID.
 * - `listener`: a subscriber threw.
 * - `server`: no ID can be known during this server render.
 * - `invalid-option`: `createSession` got an option it cannot use.
 * - `no-provider`: a framework hook found no provider above it (see {@link missingProvider}).
 */
export type SessionErrorCode =
  | "storage-unavailable"
  | "storage-write"
  | "invalid-stored-value"
  | "invalid-id"
  | "no-crypto"
  | "lock-timeout"
  | "refresh-conflict"
  | "duplicate-tab"
  | "listener"
  | "server"
  | "invalid-option"
  | "no-provider";

/**
 * An error from the session. Its message says what happened and what to do; it never
 * contains a session ID. The original error, if any, is its `cause`.
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
    super(message, { cause });
  }
}
