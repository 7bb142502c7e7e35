import type { Session, SessionOptions } from "@sessionid/core";
import { createSession, missingProvider } from "./core.js";
import { getContext, onDestroy, onMount, setContext } from "svelte";
import { createSubscriber } from "svelte/reactivity";
import type { SessionIdState } from "./useSessionId.svelte.js";

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
 * What setSessionContext hands down: the session, its ID state (one per provider, shared by every
 * component below it), and whether its subtree is still being hydrated.
 */
interface SessionContext extends SessionIdState {
  readonly session: Session;
  hydrating: boolean | undefined;
}

const key = Symbol();

/**
 * Hands a session to every component below the one whose `<script>` calls it. Given options,
 * it creates one session and disposes it when that component is destroyed; a session passed
 * in stays yours. An inner call (another `key`, say) wins for its subtree.
 *
 * @example
 * <!-- +layout.svelte -->
 * <script>
 *   import { localStorageBackend, setSessionContext } from "@sessionid/svelte";
 *   let { children } = $props();
 *   setSessionContext({ storage: localStorageBackend() }, { hydrate: true });
 * </script>
 * {@render children()}
 */
export const setSessionContext = (session: Session | SessionOptions = {}, options: SessionContextOptions = {}): Session => {
  const value = "subscribe" in session ? session : createSession(session);
  if (value != session) onDestroy(value.dispose);
  let update: (() => void) | undefined; // set while some effect reads `.current`
  // One subscriber for the whole subtree: it subscribes to the session only while some effect
  // reads `.current` (so never on the server), and re-runs just the effects that read it.
  const track = createSubscriber((notify) => value.subscribe((update = notify)));
  const context: SessionContext = {
    session: value,
    hydrating: options.hydrate ?? getContext<SessionContext | undefined>(key)?.hydrating,
    get current() {
      track();
      return context.hydrating ? value.getInitial() : value.get();
    },
    refresh: value.refresh,
  };
  // Children mount first: once this component has mounted its subtree is hydrated, so show the
  // live ID, and components added later read it in their first render. The readers re-run only
  // if that ID is not the one the server showed: an effect runs once per distinct ID.
  if (context.hydrating)
    onMount(() => {
      context.hydrating = false;
      if (value.getInitial() != value.get()) update?.();
    });
  setContext(key, context);
  return value;
};

/**
 * The nearest setSessionContext's context (for the helpers, during component init), or the core's
 * "no-provider" SessionError naming the helper called and the provider to add.
 */
export const sessionContext = (helper: string): SessionContext => {
  const context = getContext<SessionContext | undefined>(key);
  if (!context) throw missingProvider(helper, "setSessionContext() in a parent component");
  return context;
};
