import type { Session, SessionId } from "@sessionid/core";
import type { Readable } from "svelte/store";
import { sessionContext } from "./setSessionContext.js";

/**
 * The session ID as a classic readable store, for `$sessionId` users: `subscribe` calls at once
 * with the current ID, then on every change. Without an argument it takes the session from the
 * nearest setSessionContext (call it in a component's `<script>` then); pass a session to use it
 * anywhere. It shows the live ID, also while hydrating: prefer useSessionId() with SSR.
 *
 * @example
 * <script>
 *   import { sessionIdStore } from "@sessionid/svelte";
 *   const sessionId = sessionIdStore();
 * </script>
 * <p>Session {$sessionId ?? "…"}</p>
 */
export const sessionIdStore = (
  session: Session = sessionContext("sessionIdStore").session,
): Readable<SessionId | undefined> => ({
  subscribe(run) {
    run(session.get());
    return session.subscribe(run);
  },
});
