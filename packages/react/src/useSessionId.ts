import { useSyncExternalStore } from "react";
import type { Session, SessionId } from "@sessionid/core";
import { useSessionFor } from "./useSession.ts";

/**
 * The current session ID (re-renders only when it changes) and the session's `refresh`.
 * The ID is `undefined` while an async backend loads, during a server render without
 * `initialId`, and during hydration when the server did not know it.
 *
 * @example
 * function Account() {
 *   const [sessionId, refresh] = useSessionId();
 *   return <button onClick={() => refresh()}>Start over ({sessionId ? "active" : "loading"})</button>;
 * }
 */
export function useSessionId(): [sessionId: SessionId | undefined, refresh: Session["refresh"]] {
  return useSessionIdFor("useSessionId");
}

/** `useSessionId()` for the public hook `hook`, which the no-provider error names. Internal. */
export function useSessionIdFor(hook: string): ReturnType<typeof useSessionId> {
  const session = useSessionFor(hook);
  // getInitial is the server snapshot: what a server render showed, so hydration matches.
  return [useSyncExternalStore(session.subscribe, session.get, session.getInitial), session.refresh];
}
