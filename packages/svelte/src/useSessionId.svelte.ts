import type { BeforeCommit, SessionId } from "@sessionid/core";
import { createSubscriber } from "svelte/reactivity";
import { sessionContext, type SessionContext } from "./sessionContext.js";

/** What {@link useSessionId} returns. */
export interface SessionIdState {
  /** The current ID, reactive; `undefined` while an async backend loads or on the server. */
  readonly current: SessionId | undefined;
  /** Rotates the ID (the core's `refresh`): `beforeCommit` runs first, and if it throws nothing changes. */
  refresh(beforeCommit?: BeforeCommit): Promise<SessionId>;
}

// Subscribes to the session only while an effect reads `.current` (so never on the server).
// While the subtree hydrates it shows what the server showed.
export const reactiveId = (context: SessionContext) => {
  const { session } = context;
  const track = createSubscriber(session.subscribe);
  return () => (track(), context.hydrating ? session.getInitial() : session.get());
};

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
export function useSessionId(): SessionIdState {
  const context = sessionContext("useSessionId");
  const read = reactiveId(context);
  return {
    get current() {
      return read();
    },
    refresh: context.session.refresh,
  };
}
