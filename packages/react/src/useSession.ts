import { useContext } from "react";
import { missingProvider, type Session } from "@sessionid/core";
import { SessionContext } from "./SessionContext.ts";

/**
 * The Session of the nearest `<SessionProvider>`: for `ready()`, `refresh()` or passing on.
 * Throws a `SessionError` with code `"no-provider"` when there is no provider above.
 *
 * @example
 * const session = useSession();
 * const onLogout = () => session.refresh((next, previous) => api.logout({ from: previous, to: next }));
 */
export function useSession(): Session {
  return useSessionFor("useSession");
}

/**
 * The nearest provider's session; with none, the core's no-provider error naming `hook`, the
 * public hook the app called. Internal.
 */
export function useSessionFor(hook: string): Session {
  const session = useContext(SessionContext);
  if (!session) throw missingProvider(hook, "<SessionProvider>");
  return session;
}
