import type { Session } from "@sessionid/core";
import { injectSession } from "./injectSession.ts";

/**
 * The `Session` from the nearest `provideSession`, else from `sessionPlugin`.
 * Throws a `SessionError` with code `"no-provider"` when there is none.
 *
 * @example
 * const session = useSession();
 * onMounted(async () => console.log("ready", Boolean(await session.ready())));
 */
export const useSession = (): Session => injectSession("useSession");
