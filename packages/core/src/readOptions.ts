import { messageFor } from "#messages";
import { generateSessionId } from "./generateSessionId.ts";
import { isSessionId } from "./isSessionId.ts";
import { SessionError } from "./SessionError.ts";
import { sessionStorageBackend } from "./storage/sessionStorageBackend.ts";
import type { SessionOptions, StorageBackend } from "./types.ts";

// What each option must be. The checks are data, so the production build pays little for them.
const checks: Record<string, (value: unknown) => boolean> = {
  key: (value) => typeof value == "string" && !!value,
  storage: (value) =>
    !!value && typeof value == "object" && ["get", "set", "remove"].every((method) => typeof (value as StorageBackend)[method as "get"] == "function"),
  generateId: (value) => typeof value == "function",
  // setTimeout fires at once past 2^31 - 1 ms.
  lockTimeout: (value) => typeof value == "number" && value > 0 && value <= 2 ** 31 - 1,
  server: (value) => typeof value == "boolean",
};
for (const name of ["validate", "onError", "onDuplicate", "lifetime"]) checks[name] = checks.generateId!;
for (const name of ["refreshTimeout", "storageTimeout"]) checks[name] = checks.lockTimeout!;

/** A session's options with their defaults, as {@link readOptions} returns them. */
export type SessionConfig = ReturnType<typeof readOptions>;

/**
 * The options with their defaults, checked: each mistake throws a SessionError (`invalid-option`)
 * whose detail is `<option>:<what it got>`, which the development build turns into a sentence
 * naming the fix, so a typo never silently turns into a memory-only session.
 */
export const readOptions = (options: SessionOptions = {}) => {
  if (typeof options != "object" || options === null)
    throw new SessionError("invalid-option", messageFor("invalid-option", `options:${typeof options == "string" ? options : typeof options}`));
  for (const name in checks) {
    const value = options[name as keyof SessionOptions];
    if (value !== undefined && !checks[name]!(value))
      throw new SessionError(
        "invalid-option",
        // A backend's name as given ("local"), a time as given (-1), else what it was.
        messageFor("invalid-option", `${name}:${(name == "storage" && typeof value == "string") || (name.endsWith("Timeout") && typeof value == "number") ? value : typeof value}`),
      );
  }
  return {
    ...options,
    key: options.key ?? "sessionid",
    storage: options.storage ?? sessionStorageBackend(),
    generateId: options.generateId ?? generateSessionId,
    validate: options.validate ?? isSessionId,
    lockTimeout: options.lockTimeout ?? 1e4,
    refreshTimeout: options.refreshTimeout ?? 3e4,
    storageTimeout: options.storageTimeout ?? 1e4,
    // A browser's worker has importScripts; edge runtimes name WorkerGlobalScope too (Cloudflare
    // Workers), but they render pages for a server.
    server: options.server ?? (typeof window > "u" && typeof (globalThis as { importScripts?: unknown }).importScripts != "function"),
  };
};
