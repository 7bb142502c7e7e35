import type { SessionConfig } from "./readOptions.ts";
import type { ScopeContext, ScopeHooks } from "./sessionScope.ts";
import type { StoredSession } from "./storedSession.ts";
import type { SessionId } from "./types.ts";

/**
 * What the parts of one session share: everything its scope gets, and the options, the scope's
 * hooks and the session's own helpers. `createSession` builds it once and each part receives it
 * once, when the session is created, so no call on a hot path (`get()` on every render) passes
 * it around.
 */
export interface SessionCore extends ScopeContext {
  readonly config: SessionConfig;
  /** What the backend's scope adds (`{}` without one). */
  readonly scope: ScopeHooks;
  /** What the server rendered: `initialId` when it is a valid ID. */
  readonly initial: SessionId | undefined;
  /** A new value at generation `gen`: a fresh ID, validated (a bad `generateId` throws `invalid-id`). */
  make(gen: number): StoredSession;
  /** What storage holds, as an ID and generation; anything else there is reported (never what it was). */
  decode(raw: string | null | undefined): StoredSession | undefined;
  /** What empty storage gets: the server-rendered ID (never for per-tab storage), else a new one. */
  fresh(): StoredSession;
  /** From now on `disposed()` is true. */
  markDisposed(): void;
}
