import { useContext } from "solid-js";
import type { Session } from "@sessionid/core";
import { SessionContext } from "./SessionProvider.js";

/**
 * The `Session` of the nearest `<SessionProvider>`. Throws when there is none.
 *
 * @example
 * const session = useSession();
 * const logout = () => session.refresh((next, previous) => api.logout(previous));
 */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("No <SessionProvider> above this component: add one.");
  return session;
}
