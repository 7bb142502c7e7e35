import type { SessionScope } from "./sessionScope.ts";

// Keys whose "open" flag this document keeps in sessionStorage (one set per document, bounded by
// the keys in use; on the server nothing is ever added).
const open = new Set<string>();
const flagOf = (key: string) => `${key}:open`;
// What tells this document from any other, including another copy of the same tab.
const me = () => String(performance.timeOrigin);

const setFlags = () => {
  try {
    open.forEach((key) => sessionStorage.setItem(flagOf(key), me()));
  } catch {
    // Storage full or blocked: a copy of this tab cannot be told apart; nothing else breaks.
  }
};

/**
 * The scope of per-tab storage: each tab has its own value, and a tab whose storage was copied
 * from another live tab (browsers copy sessionStorage when a tab is duplicated or opened with
 * `window.open`) moves to its own ID at start, before anything can read the copied one.
 *
 * How a copy is told apart from a reload, at once: while a document is open it keeps a flag
 * holding its own `performance.timeOrigin` in sessionStorage, and removes it on `pagehide`. A
 * document that finds another document's flag at start was copied from a live tab. A reload
 * or a back/forward navigation went through `pagehide`, so it finds none; a tab the browser
 * discarded to save memory (no `pagehide`) says so with `document.wasDiscarded`.
 *
 * @example
 * import { tabScope, type StorageBackend } from "@sessionid/core";
 * const perTab: StorageBackend = { get, set, remove, scope: tabScope };
 */
export const tabScope: SessionScope = ({ key }) => ({
  copied() {
    try {
      const flag = sessionStorage.getItem(flagOf(key));
      const copied = flag != null && flag != me() && !(document as Document & { wasDiscarded?: boolean }).wasDiscarded;
      if (!open.size) {
        addEventListener("pagehide", () => open.forEach((key) => sessionStorage.removeItem(flagOf(key))));
        // Back from the back/forward cache: the document is open again.
        addEventListener("pageshow", (event) => event.persisted && setFlags());
      }
      open.add(key);
      setFlags();
      return copied;
    } catch {
      // No sessionStorage to keep a flag in: nothing was copied that could be told apart.
      return false;
    }
  },
});
