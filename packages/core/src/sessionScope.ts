import type { Report } from "./createReporter.ts";
import type { GuardedStorage } from "./guardStorage.ts";
import type { SessionState } from "./sessionState.ts";
import type { StoredSession } from "./storedSession.ts";

/** What a scope gets from the session it serves. */
export interface ScopeContext {
  readonly key: string;
  readonly validate: (value: string) => boolean;
  readonly lockTimeout: number;
  readonly state: SessionState;
  readonly storage: GuardedStorage;
  readonly report: Report;
  /** Adopts `next` and stores it. */
  commit(next: StoredSession): Promise<void> | void;
  disposed(): boolean;
}

/** What a scope adds to a session; every hook is optional, and the session has a default for each. */
export interface ScopeHooks {
  /** At start: whether this tab's storage was copied from another live tab (a duplicated tab). */
  copied?(): boolean;
  /**
   * Runs a refresh: `prepare(base)` makes the next value from `base` and runs the app's callback;
   * the scope decides `base` and commits. Default: from the current value, in this tab alone.
   */
  rotate?(prepare: (base: StoredSession | undefined) => Promise<StoredSession>): Promise<StoredSession>;
  /** The first value this tab holds, read from storage or made because storage had none. */
  loaded?(value: StoredSession): void;
  /** A change heard from storage; `undefined` when the key was removed or holds no ID. */
  heard?(stored: StoredSession | undefined): void;
  /** Runs while the session has subscribers; returns what stops it. */
  live?(): () => void;
  dispose?(): void;
}

/**
 * How a backend's value is shared, as a value a backend carries in its `scope`: `browserScope`
 * (every tab shares the value) or `tabScope` (each tab has its own). The code for each comes
 * only with the backends (or custom backends) that import it.
 *
 * @example
 * import { browserScope, type StorageBackend } from "@sessionid/core";
 * const backend: StorageBackend = { get, set, remove, subscribe, scope: browserScope };
 */
export type SessionScope = (session: ScopeContext) => ScopeHooks;
