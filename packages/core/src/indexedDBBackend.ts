import { createStore, del, get, set, update, type UseStore } from "idb-keyval";
import { browserScope } from "./browserScope.ts";
import { broadcast } from "./storage/broadcast.ts";
import type { StorageBackend } from "./types.ts";

/** Options of {@link indexedDBBackend}. */
export interface IndexedDBBackendOptions {
  /** Database name. Default `"sessionid"`. */
  dbName?: string;
  /** Object store name. Default `"sessions"`. */
  storeName?: string;
}

/**
 * Keeps the ID in IndexedDB (through idb-keyval), shared by every tab. Async: `session.get()`
 * is `undefined` until the first read, which is a get-or-create in one read-write transaction,
 * so tabs starting together agree on one ID. An `open` that hangs is cut off by the session's
 * `storageTimeout`. Other tabs hear a write on a BroadcastChannel once it has landed, and on
 * `pagehide` if it still waits (the tab may be closing). Import it from `@sessionid/core/indexeddb`.
 *
 * @example
 * import { indexedDBBackend } from "@sessionid/core/indexeddb";
 *
 * const session = createSession({ storage: indexedDBBackend({ dbName: "shop" }) });
 * const id = await session.ready();
 */
export const indexedDBBackend = (options: IndexedDBBackendOptions = {}): StorageBackend => {
  const { dbName = "sessionid", storeName = "sessions" } = options;
  let store: UseStore | undefined;

  // A failure drops the connection so the next attempt opens a new one; a failed open or a
  // connection closed mid-operation is retried once.
  const run = async <T>(operation: (store: UseStore) => Promise<T>, retry = true): Promise<T> => {
    if (typeof indexedDB == "undefined") throw new Error("IndexedDB is not available here.");
    store ??= createStore(dbName, storeName);
    try {
      return await operation(store);
    } catch (error) {
      store = undefined;
      if ((error as Error)?.name == "NotFoundError")
        throw new Error(`IndexedDB database "${dbName}" has no object store "${storeName}" (made by other code?): pass another dbName.`, { cause: error });
      if (retry) return run(operation, false);
      throw error;
    }
  };

  const read = (key: string) => run((store) => get<string>(key, store));
  const name = `${dbName}/${storeName}`;
  const channel = broadcast(`sessionid-idb:${name}`);
  // Writes not landed yet. A tab that closes while its write waits (right after a refresh
  // committed) announces nothing after it, and the write may then land or be dropped with the
  // tab: on pagehide each is announced on a channel of its own, as unsure, and the tabs that hear
  // it read storage again (subscribe below).
  const writing = new Set<[key: string, value: string]>();
  const unsure = broadcast(`sessionid-idb-unsure:${name}`);
  const announceWriting = () => writing.forEach(([key, value]) => unsure.post(key, value));

  return {
    scope: browserScope,
    get: read,
    async set(key, value) {
      const write: [string, string] = [key, value];
      // Listened to only while a write waits: nothing is left behind once none does.
      if (!writing.size) globalThis.addEventListener?.("pagehide", announceWriting);
      writing.add(write);
      try {
        await run((store) => set(key, value, store));
      } finally {
        writing.delete(write);
        if (!writing.size) globalThis.removeEventListener?.("pagehide", announceWriting);
      }
      channel.post(key, value);
    },
    async remove(key) {
      await run((store) => del(key, store));
      channel.post(key, null);
    },
    async update(key, updater) {
      let before: unknown;
      let after!: string;
      const change = (value: string | null | undefined) => {
        before = value;
        after = updater(value);
        return after;
      };
      await run((store) => update<string>(key, change, store));
      if (after != before) channel.post(key, after);
      return after;
    },
    subscribe(key, onChange) {
      let listening = true;
      const stops = [
        channel.subscribe(key, onChange),
        unsure.subscribe(key, (value) => {
          onChange(value);
          // From a tab that closed while writing it: what storage holds after that write is heard
          // too (a read-only transaction waits for a read-write one made before it), and a
          // session that finds storage behind writes the latest value back. Only here, not on
          // every message: every other tab's writes wait for each read, and a tab frozen while
          // one is open holds it until resumed. A failed read says nothing new; the session's
          // own reads report faults.
          read(key).then((stored) => listening && onChange(stored), () => {});
        }),
      ];
      return () => {
        listening = false;
        stops.forEach((stop) => stop());
      };
    },
  };
};
