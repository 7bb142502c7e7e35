import { useContext } from "react";
import type { Session } from "@sessionid/core";
import { SessionContext } from "./SessionContext.ts";

/**
 * The Session of the nearest `<SessionProvider>`: for `ready()`, `refresh()` or passing on.
 * Throws when there is no provider above.
 *
 * @example
 * const session = useSession();
 * const onLogout = () => session.refresh((next, previous) => api.logout({ from: previous, to: next }));
 */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session)
    throw Error("No <SessionProvider> above: wrap your app in <SessionProvider>.");
  return session;
}
