import type { Report } from "./createReporter.ts";
import { isPromise } from "./isPromise.ts";
import { memoryBackend } from "./storage/memoryBackend.ts";
import { encodeStored, type StoredSession } from "./storedSession.ts";
import type { SessionErrorCode } from "./SessionError.ts";
import type { StorageBackend } from "./types.ts";

type Raw = string | null | undefined;

/** The session's storage, guarded; see {@link guardStorage}. */
export type GuardedStorage = ReturnType<typeof guardStorage>;


/**
 * Every backend call of a session goes through here. A throw, a rejection or an async answer
 * slower than `timeout` is reported, and the session moves to memory for the rest of the page's
 * life, keeping its current value (`current`). A late answer from the old backend is ignored.
 */
export const guardStorage = (
  backend: StorageBackend,
  key: string,
  timeout: number,
  report: Report,
  current: () => StoredSession | undefined,
) => {
  let active = backend;

  const call = <T>(operation: (backend: StorageBackend) => T | PromiseLike<T>, code: SessionErrorCode) => {
    const target = active;
    const fail = (error: unknown, failure = code): undefined => {
      if (active != target) return;
      active = memoryBackend();
      const value = current();
      if (value) active.set(key, encodeStored(value));
      report(failure, error, failure == "storage-timeout" ? String(timeout) : key);
    };
    try {
      const result = operation(target);
      if (!isPromise(result)) return result;
      let timer: ReturnType<typeof setTimeout> | undefined;
      return new Promise<T | undefined>((resolve) => {
        timer = setTimeout(() => resolve(fail(undefined, "storage-timeout")), timeout);
        result.then(resolve, (error) => resolve(fail(error)));
      }).finally(() => clearTimeout(timer));
    } catch (error) {
      return fail(error);
    }
  };

  return {
    read: () => call<Raw>((backend) => backend.get(key), "storage-unavailable"),
    write: (value: StoredSession) => call<void>((backend) => backend.set(key, encodeStored(value)), "storage-write"),
    /** Get-or-create in one step where the backend can (`update`), else a plain read. */
    readOrCreate: (create: (raw: Raw) => string) =>
      call<Raw>((backend) => (backend.update ? backend.update(key, create) : backend.get(key)), "storage-unavailable"),
  };
};
