import { warn } from "#messages";
import { idForRequest } from "./idForRequest.ts";
import type { Session, SessionId } from "./types.ts";

/**
 * The arguments of a function that takes `sessionId`, without it; optional when nothing else is
 * required, and no keys at all (so a hand-passed `sessionId` is an error) when nothing else is taken.
 */
export type ArgsWithoutSessionId<Args> = [keyof Omit<Args, "sessionId">] extends [never]
  ? [args?: Record<string, never>]
  : {} extends Omit<Args, "sessionId">
    ? [args?: Omit<Args, "sessionId">]
    : [args: Omit<Args, "sessionId">];

/** Options of {@link withSessionId}. */
export interface WithSessionIdOptions {
  /**
   * Whether a call's error says the server ended the session (an error code your backend throws,
   * say). Then the session rotates (once across tabs) and the call rejects with `session-ended`.
   * Needs a session with a lifetime (`@sessionid/core/lifetime`): without one the call rejects
   * with its own error, and a development build warns when the helper is made.
   */
  ended?: (error: unknown) => boolean;
}

/**
 * Wraps a backend call so that it receives `{ ...args, sessionId }`. The ID is the one current
 * at call time; a call made before the ID is known (async backend loading) waits for it, and a
 * session with a lifetime checks it has not expired first.
 *
 * @example
 * const addToCart = withSessionId(session, (args: { sessionId: string; item: string }) =>
 *   api.post("/cart", args),
 * );
 * await addToCart({ item: "socks" });
 */
export const withSessionId =
  <Args extends { sessionId: string }, Result>(session: Session, fn: (args: Args) => Result, options: WithSessionIdOptions = {}) => {
    if (options.ended && !session.end) warn("ended");
    return async (...[args]: ArgsWithoutSessionId<Args>): Promise<Awaited<Result>> => {
      const sessionId = await idForRequest(session);
      try {
        return await fn({ ...args, sessionId } as unknown as Args);
      } catch (error) {
        throw (options.ended?.(error) && (await session.end?.(sessionId))) || error;
      }
    };
  };
