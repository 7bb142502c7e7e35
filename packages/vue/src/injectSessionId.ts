import { getCurrentInstance, inject, onMounted, onScopeDispose, readonly, shallowRef, ssrContextKey } from "vue";
import { injectSession } from "./injectSession.ts";
import type { useSessionId } from "./useSessionId.ts";

/**
 * What `useSessionId` and `useSessionArgs` share: the ID from the nearest provider's session as a
 * read-only ref that follows it, plus its `refresh`. `hook` names the composable the app called.
 */
export const injectSessionId = (hook: string): ReturnType<typeof useSessionId> => {
  const session = injectSession(hook);
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
};
