import { useInsertionEffect, useMemo, useRef } from "react";
import { withSessionId, type ArgsWithoutSessionId } from "@sessionid/core";
import { useSessionFor } from "./useSession.ts";

/**
 * A stable function (same identity on every render) that calls the latest `fn` with
 * `{ ...args, sessionId }`, using the ID current at call time and waiting for it if it is not
 * known yet.
 *
 * @example
 * const addToCart = useSessionFn(useMutation(api.cart.add)); // takes { item, sessionId }
 * <button onClick={() => addToCart({ item: "socks" })}>Add</button>
 */
export function useSessionFn<Args extends { sessionId: string }, Result>(
  fn: (args: Args) => Result,
): (...args: ArgsWithoutSessionId<Args>) => Promise<Awaited<Result>> {
  const session = useSessionFor("useSessionFn");
  const latest = useRef(fn);
  // Before any layout effect or event handler can call it; never runs on the server.
  useInsertionEffect(() => void (latest.current = fn));
  return useMemo(() => withSessionId(session, (args: Args) => latest.current(args)), [session]);
}
