import type { Session, SessionId } from "./types.ts";

/**
 * The ID a helper sends now: a session with a lifetime checks expiry and counts the call as
 * activity (`forRequest`); any other gives its current ID, waiting for it while it loads.
 *
 * @example
 * headers.set("X-Session-Id", await idForRequest(session));
 */
export const idForRequest = async (session: Session): Promise<SessionId> =>
  session.forRequest?.() ?? session.get() ?? session.ready();
