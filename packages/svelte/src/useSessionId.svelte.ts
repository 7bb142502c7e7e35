import { sessionIdState, type SessionIdState } from "./sessionContext.js";

export type { SessionIdState };

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
export const useSessionId = (): SessionIdState => sessionIdState("useSessionId");
