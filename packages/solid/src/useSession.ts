import type { Session } from "@sessionid/core";
import { requireSession } from "./SessionProvider.js";

/**
 * The `Session` of the nearest `<SessionProvider>`. Throws a `SessionError` (code
 * `"no-provider"`) when there is none.
 *
 * @example
 * const session = useSession();
 * const logout = () => session.refresh((next, previous) => api.logout(previous));
 */
export function useSession(): Session {
  return requireSession("useSession");
}
