import { createSignal, onCleanup, onMount, sharedConfig, type Accessor } from "solid-js";
import { isServer } from "solid-js/web";
import type { Session, SessionId } from "@sessionid/core";
import { requireSession } from "./SessionProvider.js";

/**
 * The current session ID as an accessor (`undefined` while an async backend loads, or on the
 * server without `initialId`), and the session's `refresh`. Throws a `SessionError` (code
 * `"no-provider"`) below no `<SessionProvider>`.
 *
 * @example
 * const [sessionId, refresh] = useSessionId();
 * return <button onClick={() => refresh()}>New session {sessionId()}</button>;
 */
export function useSessionId(): [sessionId: Accessor<SessionId | undefined>, refresh: Session["refresh"]] {
  const session = requireSession("useSessionId");
  // While hydrating, start from what the server showed, so the markup matches; otherwise the
  // first render already has the ID (sync backends). A server render shows what it knows.
  const [sessionId, setSessionId] = createSignal(sharedConfig.context ? session.getInitial() : session.get());
  const sync = () => setSessionId(session.get);
  // Never subscribe on the server.
  if (!isServer)
    onMount(() => {
      onCleanup(session.subscribe(sync));
      // Re-read after subscribing: a change since the first read (or the server's ID) is not missed.
      sync();
    });
  return [sessionId, session.refresh];
}
