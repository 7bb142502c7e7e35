import { getCurrentScope, inject } from "vue";
import { missingProvider, type Session } from "@sessionid/core";
import { ownSessions, sessionKey } from "./sessionKey.ts";

/**
 * The session from this component's own `provideSession`, else from the nearest one above, else
 * from `sessionPlugin`. `hook` is the composable the app called, so the error for a missing
 * provider names that one.
 */
export const injectSession = (hook: string): Session => {
  const scope = getCurrentScope();
  const session = (scope && ownSessions.get(scope)) || inject(sessionKey, null);
  if (session) return session;
  throw missingProvider(hook, "app.use(sessionPlugin()) or provideSession()");
};
