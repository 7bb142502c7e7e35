import { inject } from "vue";
import type { Session } from "@sessionid/core";
import { sessionKey } from "./sessionKey.ts";

/**
 * The `Session` from the nearest `provideSession`, else from `sessionPlugin`.
 * Throws when there is none.
 *
 * @example
 * const session = useSession();
 * onMounted(async () => console.log("ready", Boolean(await session.ready())));
 */
export function useSession(): Session {
  const session = inject(sessionKey, null);
  if (!session)
    throw Error("No session: add app.use(sessionPlugin()) or provideSession() above.");
  return session;
}
