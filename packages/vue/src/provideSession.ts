import { getCurrentScope, onScopeDispose, provide } from "vue";
import type { Session, SessionOptions } from "@sessionid/core";
import { provideSessionWith } from "./provideSessionWith.ts";
import { ownSessions } from "./sessionKey.ts";

/**
 * Gives a component's subtree, and the component itself, its own session; call it in `setup`.
 * There it wins over `sessionPlugin` and outer providers. With options, the session is created
 * here and disposed when the component unmounts; a `Session` you pass in is never disposed here.
 *
 * @example
 * // Checkout.vue: a separate, per-browser session for this subtree only
 * <script setup lang="ts">
 * import { localStorageBackend, provideSession, useSessionId } from "@sessionid/vue";
 * provideSession({ storage: localStorageBackend(), key: "checkout" });
 * const { sessionId } = useSessionId(); // the "checkout" session's ID
 * </script>
 */
export const provideSession = (source?: SessionOptions | Session): Session => {
  const session = provideSessionWith(provide, source, onScopeDispose);
  const scope = getCurrentScope();
  if (scope) ownSessions.set(scope, session);
  return session;
};
