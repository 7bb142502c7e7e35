import type { StorageBackend } from "../types.ts";

type Peer = (area: Storage, key: string | null) => unknown;
// Storage events only reach other tabs; sessions in this tab hear each other's writes here.
const peers = new Set<Peer>();

const webStorage = (name: "sessionStorage" | "localStorage", scope: "tab" | "browser"): StorageBackend => {
  // Read lazily: touching the property can throw (SecurityError) or find nothing (server, worker).
  const area = (): Storage => globalThis[name];
  const tell = (key: string) => peers.forEach((peer) => peer(area(), key));
  return {
    scope,
    get: (key) => area().getItem(key),
    set(key, value) {
      area().setItem(key, value);
      tell(key);
    },
    remove(key) {
      area().removeItem(key);
      tell(key);
    },
    subscribe(key, onChange) {
      // `changed === null` is `clear()`. What storage holds now is passed on, not the event's
      // value: an event can arrive late (Chromium tabs live in other processes), after this tab
      // wrote something newer, and the area knows which write came last.
      const peer: Peer = (storage, changed) =>
        storage == area() && (changed == key || changed == null) && onChange(storage.getItem(key));
      const onStorage = (event: StorageEvent) => peer(event.storageArea!, event.key);
      peers.add(peer);
      addEventListener("storage", onStorage);
      return () => {
        peers.delete(peer);
        removeEventListener("storage", onStorage);
      };
    },
  };
};

/**
 * Per-tab storage (the default): each tab has its own ID, kept across reloads. A duplicated
 * tab inherits the ID and is moved to a new one by the session.
 *
 * @example
 * const session = createSession({ storage: sessionStorageBackend() }); // same as the default
 */
export const sessionStorageBackend = (): StorageBackend => webStorage("sessionStorage", "tab");

/**
 * Per-browser storage: every tab of the origin shares the ID and hears its rotations.
 *
 * @example
 * const session = createSession({ storage: localStorageBackend() }); // or storage: "local"
 */
export const localStorageBackend = (): StorageBackend => webStorage("localStorage", "browser");
