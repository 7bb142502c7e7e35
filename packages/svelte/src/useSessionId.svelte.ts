import type { BeforeCommit, SessionId } from "@sessionid/core";
import { sessionContext } from "./setSessionContext.js";

/** What {@link useSessionId} returns. */
export interface SessionIdState {
  /** The current ID, reactive; `undefined` while an async backend loads or on the server. */
  readonly current: SessionId | undefined;
  /** Rotates the ID (the core's `refresh`): `beforeCommit` runs first, and if it throws nothing changes. */
  refresh(beforeCommit?: BeforeCommit): Promise<SessionId>;
}

/**
 * The session ID as `.current` (reactive), with `refresh`. Call it in a component's `<script>`.
 *
 * @example
 * <script>
 *   import { useSessionId } from "@sessionid/svelte";
 *   const sessionId = useSessionId();
 * </script>
 * <p>Session {sessionId.current ?? "…"}</p>
 * <button onclick={() => sessionId.refresh()}>New session</button>
 */
export const useSessionId = (): SessionIdState => sessionContext("useSessionId");
