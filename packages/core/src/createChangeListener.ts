import { isPromise } from "./isPromise.ts";
import type { SessionCore } from "./sessionCore.ts";
import { isLater, type StoredSession } from "./storedSession.ts";

/**
 * How a session follows changes made elsewhere (another tab, another instance) while it has
 * subscribers. `listen` hears every change of the session's key, reads storage again when the
 * back/forward cache restores the page, starts the scope's `live` hook, and returns what stops
 * each of them. `readAgain` reads storage once and takes what it finds as heard: on the first
 * subscribe of a session already in use, a change made before listening started reached nobody.
 *
 * @example
 * const { listen, readAgain } = createChangeListener(core);
 * const stops = listen(); // on the first subscriber
 * readAgain(); // once the stops are kept: what it tells a listener may unsubscribe or dispose
 * stops.forEach((stop) => stop()); // when the last one unsubscribes
 */
export const createChangeListener = ({ config: { storage: backend }, key, state, storage, report, scope, decode }: SessionCore) => {
  // Per-tab (and memory-like) storage: a later ID is adopted; a removal, junk or an older value
  // gets the current ID written back. Browser-wide storage has its own rules (browserScope).
  const heard =
    scope.heard ??
    ((stored: StoredSession | undefined) => {
      const current = state.current();
      if (!state.adopt(stored) && isLater(current, stored)) void storage.write(current);
    });

  // Storage read again and taken as heard: at once from a sync backend (so a subscriber that
  // checks get() right after subscribing sees it), when it answers from an async one.
  const readAgain = () => {
    const raw = storage.read();
    if (isPromise(raw)) void raw.then((raw) => heard(decode(raw)));
    else heard(decode(raw));
  };

  const listen = (): (() => void)[] => {
    let unsubscribe: (() => void) | undefined;
    try {
      unsubscribe = backend.subscribe?.(key, (raw) => heard(decode(raw)));
    } catch (error) {
      // A backend that cannot be listened to still works; the session just hears no other tab.
      report("storage-unavailable", error, key);
    }
    // Back from the back/forward cache: this tab (or, with browser-wide storage, another) may
    // have moved on while the page slept.
    // (No window events in React Native or a Node script: nothing to listen to there.)
    const onPageShow = (event: PageTransitionEvent) => event.persisted && readAgain();
    globalThis.addEventListener?.("pageshow", onPageShow);
    const none = () => {};
    return [unsubscribe ?? none, scope.live?.() ?? none, () => globalThis.removeEventListener?.("pageshow", onPageShow)];
  };
  return { listen, readAgain };
};
