import type { Ref } from "vue";
import type { Session, SessionId } from "@sessionid/core";
import { injectSessionId } from "./injectSessionId.ts";

/**
 * The current session ID as a read-only ref (`undefined` while an async backend loads, or in a
 * server render without `initialId`), plus the session's `refresh`.
 *
 * @example
 * <script setup lang="ts">
 * const { sessionId, refresh } = useSessionId();
 * const logOut = () => refresh((next, previous) => api.moveCart({ from: previous, to: next }));
 * </script>
 * <template><p v-if="sessionId">Signed in anonymously</p></template>
 */
export const useSessionId = (): { sessionId: Readonly<Ref<SessionId | undefined>>; refresh: Session["refresh"] } =>
  injectSessionId("useSessionId");
