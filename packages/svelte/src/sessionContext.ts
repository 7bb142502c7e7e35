import { getContext, onMount } from "svelte";
import { createSubscriber } from "svelte/reactivity";
import type { BeforeCommit, Session, SessionId } from "@sessionid/core";

/** What setSessionContext hands down: the session, and whether its subtree is being hydrated. */
export interface SessionContext {
  readonly session: Session;
  hydrating?: boolean | undefined;
}

/** What {@link useSessionId} returns. */
export interface SessionIdState {
  /** The current ID, reactive; `undefined` while an async backend loads or on the server. */
  readonly current: SessionId | undefined;
  /** Rotates the ID (the core's `refresh`): `beforeCommit` runs first, and if it throws nothing changes. */
  refresh(beforeCommit?: BeforeCommit): Promise<SessionId>;
}

export const sessionContextKey = Symbol();

/** The nearest context, or an error naming the provider to add. Call during component init. */
export const sessionContext = (helper: string): SessionContext => {
  const context = getContext<SessionContext | undefined>(sessionContextKey);
  if (!context) throw new Error(`${helper}() needs setSessionContext() in a parent component.`);
  return context;
};

/**
 * The ID of the nearest session as `.current`, for useSessionId and useSessionArgs. Reading it
 * subscribes only while an effect reads it (so never on the server). A component created while
 * its tree hydrates reads what the server showed until it has mounted.
 */
export const sessionIdState = (helper: string): SessionIdState => {
  let { session, hydrating } = sessionContext(helper);
  let update = () => {};
  const track = createSubscriber((notify) => session.subscribe((update = notify)));
  if (hydrating) onMount(() => void ((hydrating = false), update()));
  return {
    get current() {
      return track(), hydrating ? session.getInitial() : session.get();
    },
    refresh: session.refresh,
  };
};
