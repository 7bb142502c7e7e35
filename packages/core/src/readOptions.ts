import { messageFor } from "#messages";
import { generateSessionId } from "./generateSessionId.ts";
import { isSessionId } from "./isSessionId.ts";
import { SessionError } from "./SessionError.ts";
import { sessionStorageBackend } from "./storage/sessionStorageBackend.ts";
import type { SessionOptions, StorageBackend } from "./types.ts";

const functionOptions = ["generateId", "validate", "onError", "onDuplicate"] as const;
const timeOptions = ["lockTimeout", "refreshTimeout", "storageTimeout"] as const;

const isBackend = (value: unknown) =>
  !!value && typeof value == "object" && ["get", "set", "remove"].every((method) => typeof (value as StorageBackend)[method as "get"] == "function");

// What is wrong with the options, as the detail of an invalid-option error ("<what>:<option>:<got>").
const problemWith = (options: SessionOptions): string | undefined => {
  const { key, storage, server } = options;
  if (key !== undefined && (typeof key != "string" || !key)) return `key::${key === "" ? "an empty string" : typeof key}`;
  if (typeof storage == "string") return `string:storage:${storage}`;
  if (storage !== undefined && !isBackend(storage)) return "backend";
  for (const name of functionOptions)
    if (options[name] !== undefined && typeof options[name] != "function") return `function:${name}:${typeof options[name]}`;
  for (const name of timeOptions) {
    const value = options[name];
    if (value !== undefined && !(typeof value == "number" && value > 0 && value < Infinity))
      return `ms:${name}:${typeof value == "number" ? value : typeof value}`;
  }
  if (server !== undefined && typeof server != "boolean") return "boolean:server";
};

/**
 * The options with their defaults, checked: each mistake throws a SessionError (`invalid-option`)
 * naming the option and the fix, so a typo never silently turns into a memory-only session.
 */
export const readOptions = (options: SessionOptions = {}) => {
  const problem =
    typeof options != "object" || options === null
      ? `options::${typeof options == "string" ? options : ""}`
      : problemWith(options);
  if (problem) throw new SessionError("invalid-option", messageFor("invalid-option", problem));
  return {
    ...options,
    key: options.key ?? "sessionid",
    storage: options.storage ?? sessionStorageBackend(),
    generateId: options.generateId ?? generateSessionId,
    validate: options.validate ?? isSessionId,
    lockTimeout: options.lockTimeout ?? 1e4,
    refreshTimeout: options.refreshTimeout ?? 3e4,
    storageTimeout: options.storageTimeout ?? 3e3,
    server: options.server ?? (typeof window > "u" && !("WorkerGlobalScope" in globalThis)),
  };
};
