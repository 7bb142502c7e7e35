import { tabScope } from "../tabScope.ts";
import type { StorageBackend } from "../types.ts";
import { webStorage } from "./webStorage.ts";

/**
 * Per-tab storage (the default): each tab has its own ID, kept across reloads and back/forward
 * navigation. A duplicated tab (or `window.open`) copies sessionStorage; the session sees the
 * copy at start and moves that tab to its own ID before anything can read the shared one.
 *
 * @example
 * const session = createSession({ storage: sessionStorageBackend() }); // same as the default
 */
export const sessionStorageBackend = (): StorageBackend => ({ ...webStorage("sessionStorage"), scope: tabScope });
