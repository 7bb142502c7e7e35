import type { Session } from "@sessionid/core";
import { sessionContext } from "./setSessionContext.js";

/**
 * The Session from the nearest {@link setSessionContext}, for anything the helpers do not cover.
 * Call it in a component's `<script>`.
 *
 * @example
 * const session = useSession();
 * onMount(() => session.ready().then((id) => analytics.identify(id)));
 */
export const useSession = (): Session => sessionContext("useSession").session;
