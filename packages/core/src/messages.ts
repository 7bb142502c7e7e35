import type { SessionErrorCode } from "./SessionError.ts";

// The development build's words. The production build (messages.production.ts, chosen by the
// bundler through the "development" export condition) carries only the codes and their details,
// so apps do not ship these sentences; the core README lists every code with its meaning and fix.

// Where each backend that used to be named by a string comes from.
const imports: Record<string, string> = {
  session: 'sessionStorageBackend() from "@sessionid/core" (the default)',
  local: 'localStorageBackend() from "@sessionid/core"',
  memory: 'memoryBackend() from "@sessionid/core"',
  indexeddb: 'indexedDBBackend() from "@sessionid/core/indexeddb"',
  cookie: 'cookieBackend() from "@sessionid/core/cookie"',
};
const importFor = (name = "") => imports[name.toLowerCase()] ?? 'a backend such as localStorageBackend() from "@sessionid/core"';

// `detail` of an invalid-option error: "<option>:<what it got>" (its type; a backend string or a
// number as it was), or "initialId".
const optionProblem = (detail: string) => {
  const [option, got = ""] = detail.split(/:(.*)/);
  const types = ["object", "undefined", "function", "number", "boolean", "bigint", "symbol", "string"];
  switch (option) {
    case "options":
      return types.includes(got)
        ? "pass an options object (or nothing)."
        : `pass an options object, e.g. createSession({ storage: localStorageBackend() }); "${got}" is not one (for the storage, import ${importFor(got)}).`;
    case "storage":
      return types.includes(got)
        ? 'storage must be a backend with get, set and remove methods, such as localStorageBackend() from "@sessionid/core".'
        : `storage is a backend value now, not a string: for "${got}" import ${importFor(got)}.`;
    case "key":
      return `key must be a non-empty string (got ${got == "string" ? "an empty string" : got}).`;
    case "server":
      return "server must be true or false.";
    case "initialId":
      return "initialId is not a valid session ID; the session treats the server render as showing none.";
    case "lifetime":
      return `lifetime must be what sessionLifetime({ idleTimeout, maxAge }) from "@sessionid/core/lifetime" returns (got ${got}).`;
    case "lifetime.options":
      return "pass an options object (idleTimeout, maxAge, onExpire, activityInterval), or nothing.";
    default:
      return /Timeout$|^lifetime\.(maxAge|activityInterval)$/.test(option!)
        ? `${option} must be a positive number of milliseconds, at most 2147483647 (got ${got}).`
        : `${option} must be a function (got ${got}).`;
  }
};

const messages: Record<SessionErrorCode, (detail: string) => string> = {
  "storage-unavailable": () => "Storage is unavailable (missing, blocked or failing); the session continues in memory for this page.",
  "storage-write": () => "Storage refused a write (quota, or blocked); the session continues in memory for this page.",
  "storage-timeout": (ms) => `The storage backend did not answer within ${ms} ms (storageTimeout); the session continues in memory for this page.`,
  "invalid-stored-value": (key) => `Storage held something that is not a session ID under "${key}"; it was replaced.`,
  "invalid-id": () =>
    "generateId returned a value that validate rejects: return a string that validate accepts (isSessionId by default: 16–128 characters of A–Z a–z 0–9 _ -).",
  "no-crypto": () => "No crypto.getRandomValues here, so no secure ID can be made: pass generateId to createSession.",
  "lock-timeout": (ms) => `The cross-tab lock was not granted within ${ms} ms (lockTimeout); this tab went on without it (a refresh under the commit guard).`,
  "refresh-conflict": () =>
    "Another tab committed a new ID during this refresh; this tab adopted it and dropped this refresh: refresh again if you still need to.",
  "refresh-timeout": (ms) => `The refresh callback did not settle within ${ms} ms (refreshTimeout): its signal was aborted and nothing changed.`,
  "duplicate-tab": () => "This tab was a copy of another tab and moved to its own ID, but onDuplicate failed: server data was not copied.",
  listener: () => "A session subscriber threw; the other subscribers were still told.",
  server: (what) => `${what} runs in the browser only: during a server render the session shows initialId and never makes or stores an ID.`,
  "invalid-option": (detail) => `${detail.startsWith("lifetime.") ? "sessionLifetime" : "createSession"}: ${optionProblem(detail)}`,
  "invalid-argument": (got) =>
    got == "no-cors"
      ? 'sessionFetch cannot send the session ID with a mode: "no-cors" request (the browser drops the header without a word): use "cors" or "same-origin".'
      : `refresh() takes a callback function or nothing, not ${got}.`,
  disposed: () => "The session was disposed: refresh() changes nothing after dispose(). Create a new session.",
  "session-expired": () =>
    "The session expired (idleTimeout or maxAge) and has not rotated yet (onExpire did not settle in time?): the expired ID was not sent; retry the call.",
  "session-ended": () => "The server ended this session: the session moved to a new ID; retry the call if it still makes sense.",
  "expire-callback": () => "onExpire failed, so the server may not know the old session ended; the session moved to a new ID anyway.",
  "no-provider": (detail) => {
    const [hook, provider] = detail.split("|");
    return `${hook}() found no session: add ${provider} above this component.`;
  },
};

/** The message for `code`; `detail` names the option, hook, key or time involved, never an ID. */
export const messageFor = (code: SessionErrorCode, detail = ""): string => messages[code](detail);

const warnings: Record<string, string> = {
  "scope:tab": 'storage.scope "tab" is a string: import tabScope from "@sessionid/core" and pass it as scope, or the backend gets no duplicate-tab detection.',
  "scope:browser":
    'storage.scope "browser" is a string: import browserScope from "@sessionid/core" and pass it as scope, or the backend gets no cross-tab coordination.',
  "on-error": "onError threw; the session goes on.",
  ended:
    'The ended option needs a session with a lifetime, or it does nothing: createSession({ lifetime: sessionLifetime() }) with sessionLifetime from "@sessionid/core/lifetime".',
};

/**
 * A development-only console warning: a fault nobody handles (`fault:<code>`, with the error), an
 * `onError` that threw, a backend that names its scope with a string. Production builds say nothing.
 */
export const warn = (what: string, error?: unknown): void => {
  const fault = what.startsWith("fault:") && (error as { message: string; code: string; cause?: unknown });
  console.warn(
    `[@sessionid/core] ${fault ? `${fault.message} (code "${fault.code}"; pass onError to handle it)` : (warnings[what] ?? what)}`,
    (fault ? fault.cause : error) ?? "",
  );
};
