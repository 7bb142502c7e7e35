import { generateSessionId } from "./generateSessionId.ts";
import { isSessionId } from "./isSessionId.ts";
import { messageFor } from "./messages.ts";
import { SessionError } from "./SessionError.ts";
import { sessionStorageBackend } from "./storage/sessionStorageBackend.ts";
import type { SessionOptions, StorageBackend } from "./types.ts";

// Where each backend that used to be named by a string now comes from.
const imports: Record<string, string> = {
  session: 'sessionStorageBackend() from "@sessionid/core" (the default)',
  local: 'localStorageBackend() from "@sessionid/core"',
  memory: 'memoryBackend() from "@sessionid/core"',
  indexeddb: 'indexedDBBackend() from "@sessionid/core/indexeddb"',
  cookie: 'cookieBackend() from "@sessionid/core/cookie"',
};

const invalid = (problem: string) => new SessionError("invalid-option", messageFor("invalid-option", problem));

const storageProblem = (storage: unknown) => {
  if (typeof storage == "string")
    return `storage is a backend value now, not a string: for "${storage}" import ${imports[storage.toLowerCase()] ?? "a backend such as localStorageBackend() from \"@sessionid/core\""}.`;
  const backend = storage as Partial<StorageBackend> | null;
  if (!backend || typeof backend != "object" || !["get", "set", "remove"].every((method) => typeof backend[method as "get"] == "function"))
    return "storage must be a backend with get, set and remove methods, such as localStorageBackend() from \"@sessionid/core\".";
};

const positive = (value: unknown) => value === undefined || (typeof value == "number" && value > 0 && value < Infinity);
const fn = (value: unknown) => value === undefined || typeof value == "function";

/**
 * The options with their defaults, checked: each mistake throws a SessionError (`invalid-option`)
 * naming the option and the fix, so a typo never silently turns into a memory-only session.
 */
export const readOptions = (options: SessionOptions = {}) => {
  if (typeof options != "object" || options === null)
    throw invalid(
      typeof options == "string"
        ? `pass an options object, e.g. createSession({ storage: localStorageBackend() }); "${options}" is not one (for the storage, import ${imports[(options as string).toLowerCase()] ?? "a backend"}).`
        : "pass an options object (or nothing).",
    );
  const { key = "sessionid", storage = sessionStorageBackend(), lockTimeout = 1e4, refreshTimeout = 3e4, storageTimeout = 3e3 } = options;
  const problem =
    (typeof key != "string" || !key ? `key must be a non-empty string (got ${typeof key == "string" ? "an empty string" : typeof key}).` : undefined) ??
    storageProblem(storage) ??
    (["generateId", "validate", "onError", "onDuplicate"] as const)
      .filter((name) => !fn(options[name]))
      .map((name) => `${name} must be a function (got ${typeof options[name]}).`)[0] ??
    (["lockTimeout", "refreshTimeout", "storageTimeout"] as const)
      .filter((name) => !positive(options[name]))
      .map((name) => `${name} must be a positive number of milliseconds (got ${typeof options[name] == "number" ? options[name] : typeof options[name]}).`)[0] ??
    (options.server !== undefined && typeof options.server != "boolean" ? "server must be true or false." : undefined);
  if (problem) throw invalid(problem);
  return {
    ...options,
    key,
    storage,
    generateId: options.generateId ?? generateSessionId,
    validate: options.validate ?? isSessionId,
    lockTimeout,
    refreshTimeout,
    storageTimeout,
    server: options.server ?? (typeof window > "u" && !("WorkerGlobalScope" in globalThis)),
  };
};
