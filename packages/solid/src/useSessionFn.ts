import { withSessionId, type ArgsWithoutSessionId } from "@sessionid/core";
import { requireSession } from "./SessionProvider.js";

/**
 * Wraps `fn` so that it receives `{ ...args, sessionId }` with the ID current at call time; a
 * call made before the ID is known waits for it. The function is made once (stable). Throws a
 * `SessionError` (code `"no-provider"`) below no `<SessionProvider>`.
 *
 * @example
 * const addToCart = useSessionFn((args: { item: string; sessionId: SessionId }) => api.post("/cart", args));
 * return <button onClick={() => addToCart({ item: "socks" })}>Add</button>;
 */
export function useSessionFn<Args extends { sessionId: string }, Result>(
  fn: (args: Args) => Result,
): (...args: ArgsWithoutSessionId<Args>) => Promise<Awaited<Result>> {
  return withSessionId(requireSession("useSessionFn"), fn);
}
