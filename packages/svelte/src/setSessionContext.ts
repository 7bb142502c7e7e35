import { createSession, type Session, type SessionOptions } from "@sessionid/core";
import { getContext, onDestroy, onMount, setContext } from "svelte";
import { sessionContextKey, type SessionContext } from "./sessionContext.js";

/** How the subtree under {@link setSessionContext} is first rendered. */
export interface SessionContextOptions {
  /**
   * This tree is hydrated from server markup (SvelteKit with SSR): until it has mounted,
   * `useSessionId().current` shows what the server showed (`session.getInitial()`), then the ID.
   * Svelte has no public "is hydrating" flag, so say it here. Default: the enclosing context's.
   */
  hydrate?: boolean;
}

/**
 * Hands a session to every component below the one whose `<script>` calls it. Given options,
 * it creates one session and disposes it when that component is destroyed; a session passed
 * in stays yours. An inner call (another `key`, say) wins for its subtree.
 *
 * @example
 * <!-- +layout.svelte -->
 * <script>
 *   import { setSessionContext } from "@sessionid/svelte";
 *   let { children } = $props();
 *   setSessionContext({ storage: "local" }, { hydrate: true });
 * </script>
 * {@render children()}
 */
export function setSessionContext(session: Session | SessionOptions = {}, options: SessionContextOptions = {}): Session {
  const value = "subscribe" in session ? session : createSession(session);
  if (value != session) onDestroy(value.dispose);
  const context: SessionContext = {
    session: value,
    hydrating: options.hydrate ?? getContext<SessionContext | undefined>(sessionContextKey)?.hydrating,
  };
  // Children mount first: from here on the subtree is hydrated, and components added later are not.
  onMount(() => void (context.hydrating = false));
  setContext(sessionContextKey, context);
  return value;
}
