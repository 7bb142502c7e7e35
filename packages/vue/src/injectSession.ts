import { inject } from "vue";
import { missingProvider, type Session } from "@sessionid/core";
import { sessionKey } from "./sessionKey.ts";

/**
 * The session from the nearest `provideSession`, else from `sessionPlugin`. `hook` is the
 * composable the app called, so the error for a missing provider names that one.
 */
export const injectSession = (hook: string): Session => {
  const session = inject(sessionKey, null);
  if (session) return session;
  throw missingProvider(hook, "app.use(sessionPlugin()) or provideSession()");
};
