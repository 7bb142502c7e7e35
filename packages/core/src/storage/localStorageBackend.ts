import { browserScope } from "../browserScope.ts";
import type { StorageBackend } from "../types.ts";
import { webStorage } from "./webStorage.ts";

/**
 * Per-browser storage: every tab of the origin shares the ID and hears its rotations;
 * refreshes are serialised across tabs.
 *
 * @example
 * const session = createSession({ storage: localStorageBackend() });
 */
export const localStorageBackend = (): StorageBackend => ({ ...webStorage("localStorage"), scope: browserScope });
