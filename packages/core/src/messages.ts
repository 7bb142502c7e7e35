import type { SessionErrorCode } from "./SessionError.ts";

/**
 * The message of each error code. `detail` names the option, hook or value kind involved; it
 * never holds a session ID.
 */
const messages: Record<SessionErrorCode, (detail: string) => string> = {
  "storage-unavailable": () => "Storage is unavailable (missing, blocked or failing); the session continues in memory for this page.",
  "storage-write": () => "Storage refused a write (quota, or blocked); the session continues in memory for this page.",
  "storage-timeout": (ms) => `The storage backend did not answer within ${ms} ms (storageTimeout); the session continues in memory for this page.`,
  "invalid-stored-value": (key) => `Storage held something that is not a session ID under "${key}"; it was replaced.`,
  "invalid-id": () => "generateId returned a value that validate rejects: return a string that validate accepts (isSessionId by default: 16–128 characters of A–Z a–z 0–9 _ -).",
  "no-crypto": () => "No crypto.getRandomValues here, so no secure ID can be made: pass generateId to createSession.",
  "lock-timeout": (ms) => `The cross-tab refresh lock was not granted within ${ms} ms (lockTimeout); the refresh went on under a commit guard.`,
  "refresh-conflict": () => "Another tab committed a new ID during this refresh; this tab adopted it and dropped this refresh: refresh again if you still need to.",
  "refresh-timeout": (ms) => `The refresh callback did not settle within ${ms} ms (refreshTimeout): its signal was aborted and nothing changed.`,
  "duplicate-tab": () => "This tab was a copy of another tab and moved to its own ID, but onDuplicate failed: server data was not copied.",
  listener: () => "A session subscriber threw; the other subscribers were still told.",
  server: (what) => `${what} runs in the browser only: during a server render the session shows initialId and never makes or stores an ID.`,
  "invalid-option": (problem) => `createSession: ${problem}`,
  "invalid-argument": (problem) => problem,
  disposed: () => "The session was disposed: refresh() changes nothing after dispose(). Create a new session.",
  "no-provider": (problem) => problem,
};

/** The message for `code`. */
export const messageFor = (code: SessionErrorCode, detail = ""): string => messages[code](detail);
