import { getContext } from "svelte";
import type { Session } from "@sessionid/core";

/** What setSessionContext hands down: the session, and whether its subtree is still hydrating. */
export interface SessionContext {
  readonly session: Session;
  readonly hydrating: boolean;
}

export const sessionContextKey = Symbol("@sessionid/svelte");

/** The nearest context, or an error naming the provider to add. Call during component init. */
export const sessionContext = (helper: string): SessionContext => {
  const context = getContext<SessionContext | undefined>(sessionContextKey);
  if (!context)
    throw new Error(
      `${helper}() found no session: call setSessionContext(session or options) in the <script> of a parent component.`,
    );
  return context;
};
