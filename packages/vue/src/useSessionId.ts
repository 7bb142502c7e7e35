import { getCurrentInstance, inject, onMounted, onScopeDispose, readonly, shallowRef, ssrContextKey, type Ref } from "vue";
import type { Session, SessionId } from "@sessionid/core";
import { useSession } from "./useSession.ts";

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
export function useSessionId(): { sessionId: Readonly<Ref<SessionId | undefined>>; refresh: Session["refresh"] } {
  const session = useSession();
  const sessionId = shallowRef(session.getInitial());
  const read = () => (sessionId.value = session.get());
  // A server render has no unmount to clean up after, so it never subscribes. Outside an effect
  // scope nothing could end the subscription, and Vue's onScopeDispose warns about it.
  if (!inject(ssrContextKey, null)) onScopeDispose(session.subscribe(read));
  // Read after subscribing, so no change is lost in between. While hydrating, the component's vnode
  // already points at the server's markup: keep what the server rendered until mounted, so the
  // markup matches; otherwise the very first render has the client's ID.
  getCurrentInstance()?.vnode.el ? onMounted(read) : read();
  return { sessionId: readonly(sessionId), refresh: session.refresh };
}
