import { withSessionId, type ArgsWithoutSessionId } from "@sessionid/core";
import { injectSession } from "./injectSession.ts";

/**
 * Wraps `fn` so it receives `{ ...args, sessionId }`, with the ID current at call time; a call
 * made before the ID is known (async backend loading) waits for it. The function is stable.
 *
 * @example
 * const addToCart = useSessionFn((args: { item: string; sessionId: SessionId }) => api.post("/cart", args));
 * await addToCart({ item: "socks" });
 */
export const useSessionFn = <Args extends { sessionId: string }, Result>(
  fn: (args: Args) => Result,
): ((...args: ArgsWithoutSessionId<Args>) => Promise<Awaited<Result>>) => withSessionId(injectSession("useSessionFn"), fn);
