import type { StorageBackend } from "../types.ts";

const peersName = Symbol.for("@sessionid/core web storage peers");

type Peer = (area: Storage, key: string | null) => unknown;
// Storage events only reach other tabs; sessions in this tab hear each other's writes here. The
// set is the page's, not the module's, so a second copy of the package (another version, a
// micro-frontend) hears them too: every copy keeps this `Peer` signature.
// (Made on first use: importing the package touches nothing.)
const peers = () => ((globalThis as { [peersName]?: Set<Peer> })[peersName] ??= new Set<Peer>());

/**
 * The get/set/remove/subscribe of a Web Storage area (`sessionStorage` or `localStorage`),
 * read lazily: touching the property can throw (SecurityError) or find nothing (server, worker).
 */
export const webStorage = (name: "sessionStorage" | "localStorage"): StorageBackend => {
  const area = (): Storage => globalThis[name];
  const tell = (key: string) => peers().forEach((peer) => peer(area(), key));
  return {
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
      peers().add(peer);
      addEventListener("storage", onStorage);
      // WebKit delivers `storage` events only to a document that has read the area itself.
      try {
        area().getItem(key);
      } catch {
        // Blocked storage: the session already lives in memory and said so.
      }
      return () => {
        peers().delete(peer);
        removeEventListener("storage", onStorage);
      };
    },
  };
};
