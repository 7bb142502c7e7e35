import { messageFor } from "#messages";
import { SessionError } from "./SessionError.ts";

/**
 * The error every framework adapter throws when a hook finds no provider above it, so the
 * wording (and its `code`, `"no-provider"`) is the same in React, Vue, Svelte and Solid.
 *
 * @example
 * const session = useContext(SessionContext);
 * if (!session) throw missingProvider("useSessionId", "<SessionProvider>");
 * // SessionError: useSessionId() found no session: add <SessionProvider> above this component.
 */
export const missingProvider = (hook: string, provider: string): SessionError =>
  new SessionError("no-provider", messageFor("no-provider", `${hook}|${provider}`));
