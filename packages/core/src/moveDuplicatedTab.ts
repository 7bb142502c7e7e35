import { callWithTimeout } from "./callWithTimeout.ts";
import type { SessionCore } from "./sessionCore.ts";
import type { StoredSession } from "./storedSession.ts";

/**
 * Moves a copied tab to its own ID at once: one duplicated, or opened with `window.open`, whose
 * per-tab storage came from another live tab (`tabScope` tells). The new ID is stored first, so a
 * reload keeps it; it is shown only after `onDuplicate` has moved the server data from the
 * `copied` ID. If that fails or times out, it is reported and the tab moves on all the same.
 *
 * @example
 * if (stored && scope.copied?.()) moveDuplicatedTab(core, stored);
 */
export const moveDuplicatedTab = ({ config, state, storage, report, make }: SessionCore, copied: StoredSession): void => {
  // The copied ID was this tab's too: blank it out of every error from here on.
  state.ids.add(copied.id);
  const next = make(copied.gen + 1);
  void storage.write(next);
  const { onDuplicate } = config;
  if (!onDuplicate) {
    state.adopt(next);
    return;
  }
  callWithTimeout(config.refreshTimeout, (signal) => onDuplicate(next.id, copied.id, signal))
    .catch((error) => report("duplicate-tab", error))
    .then(() => state.adopt(next));
};
