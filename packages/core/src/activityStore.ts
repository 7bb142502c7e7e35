import type { Report } from "./createReporter.ts";
import { isPromise } from "./isPromise.ts";
import type { SessionErrorCode } from "./SessionError.ts";
import type { SessionId, StorageBackend } from "./types.ts";

/** When an ID was made and last active, by the wall clock (ms since the epoch). */
export interface Activity {
  id: SessionId;
  started: number;
  active: number;
}

/**
 * The record's stored form, `<id>.<started>.<active>` (base 36): the ID says whose activity it
 * is, so a record left behind by an earlier ID (a refresh, an expiry, a copied tab) is told apart.
 *
 * @example
 * encodeActivity({ id, started: 1764583200000, active: 1764583260000 }); // "V1StGXR8_Z5jdHi6B-myT.mimfw6o0.mimfxmk0"
 */
export const encodeActivity = ({ id, started, active }: Activity) => `${id}.${started.toString(36)}.${active.toString(36)}`;

/** Reads a stored record; `undefined` for anything else (absent, junk, an invalid ID). */
export const decodeActivity = (raw: unknown, validate: (value: string) => boolean): Activity | undefined => {
  const match = typeof raw == "string" ? /^(.+)\.([0-9a-z]{1,10})\.([0-9a-z]{1,10})$/.exec(raw) : null;
  if (match && validate(match[1]!)) return { id: match[1] as SessionId, started: parseInt(match[2]!, 36), active: parseInt(match[3]!, 36) };
};

// How long a read of an async backend may take before the tab decides on what it knows itself
// (the session's own default storageTimeout).
const readTimeout = 10_000;

/** What a read answers when storage gave no answer (it failed, or did not come in time). */
export const notRead: unique symbol = Symbol("not read");

/**
 * Where a session lifetime keeps its activity: under `<key>:lifetime` in the session's own
 * backend, so it is shared exactly as the ID is (per tab, or by every tab), while the ID's own
 * value keeps the format every version reads. A sync backend answers at once; an async one
 * within ten seconds, else the read answers {@link notRead}. Faults are reported once per kind
 * and never reach the app.
 *
 * @example
 * const store = activityStore(localStorageBackend(), "sessionid", report);
 * store.write(() => encodeActivity(activity));
 */
export const activityStore = (backend: StorageBackend, key: string, report: Report) => {
  const recordKey = `${key}:lifetime`;
  const faulted = new Set<SessionErrorCode>();
  const fault = (code: SessionErrorCode, error?: unknown): typeof notRead => {
    if (!faulted.has(code)) report(code, error, code == "storage-timeout" ? String(readTimeout) : recordKey);
    faulted.add(code);
    return notRead;
  };

  return {
    /** The stored record (raw), a promise of it with an async backend, or {@link notRead}. */
    read(): unknown {
      try {
        const raw = backend.get(recordKey);
        if (!isPromise(raw)) return raw;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const late = new Promise((resolve) => {
          timer = setTimeout(() => resolve(fault("storage-timeout")), readTimeout);
        });
        return Promise.race([raw, late])
          .catch((error: unknown) => fault("storage-unavailable", error))
          .finally(() => clearTimeout(timer));
      } catch (error) {
        return fault("storage-unavailable", error);
      }
    },
    /**
     * Writes what `next` makes of the stored record (`undefined` leaves it as it is): in one step
     * where the backend can (`update`, IndexedDB's read-write transaction), so two tabs' merges
     * cannot cross; else a read, then a write (sync backends do both in one task).
     */
    write(next: (raw: unknown) => string | undefined) {
      const fail = (error: unknown) => void fault("storage-write", error);
      const put = (raw: unknown) => {
        const value = next(raw);
        return value === undefined ? undefined : backend.set(recordKey, value);
      };
      try {
        let result: unknown;
        if (backend.update) result = backend.update(recordKey, (raw) => next(raw) ?? raw ?? "");
        else {
          const raw = backend.get(recordKey);
          result = isPromise(raw) ? raw.then(put) : put(raw);
        }
        if (isPromise(result)) result.then(undefined, fail);
      } catch (error) {
        fail(error);
      }
    },
  };
};
