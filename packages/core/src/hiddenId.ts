import type { LifetimeCore } from "./lifetimeCore.ts";
import { tellListeners } from "./tellListeners.ts";
import type { SessionId } from "./types.ts";

/**
 * Remembers that `get()` hid the session's ID, and tells the session's subscribers once it is
 * alive again (after a read of storage, or a check).
 *
 * @example
 * const hidden = hiddenId(core);
 * const unlisten = hidden.listen(listener); // beside session.subscribe(listener)
 * hidden.hide(); // get() answered undefined
 * hidden.reveal(); // after a check: the listeners hear the ID, if it is alive now
 */
export const hiddenId = ({ session, clock, report }: LifetimeCore) => {
  // get() hid the ID (unknown or expired activity) from a reader that may not ask again (a
  // store that read get() once, then subscribed): once the ID is alive again, subscribers
  // are told, as they would be of a new ID.
  const listeners = new Set<(id: SessionId | undefined) => void>();
  let hid = false;

  return {
    hide() {
      hid = true;
    },
    reveal() {
      const id = session.get();
      if (!hid || !clock.alive(id)) return;
      hid = false;
      queueMicrotask(() => tellListeners(listeners, session.get(), report));
    },
    /** Adds `listener` (once more if it is there already); returns what removes it. */
    listen(listener: (id: SessionId | undefined) => void) {
      const own = (id: SessionId | undefined) => listener(id);
      listeners.add(own);
      return () => {
        listeners.delete(own);
      };
    },
    clear() {
      listeners.clear();
    },
  };
};

/** What {@link hiddenId} returns. */
export type HiddenId = ReturnType<typeof hiddenId>;
