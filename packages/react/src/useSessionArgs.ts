import { sessionArgs, type SessionArgs } from "@sessionid/core";
import { useSessionIdFor } from "./useSessionId.ts";

/**
 * `{ ...args, sessionId }`, or `"skip"` while the ID is unknown or when `args` is `"skip"`:
 * the shape Convex, TanStack Query and SWR hooks take for "don't run yet".
 *
 * @example
 * const cart = useQuery(api.cart.get, useSessionArgs({ shop: "socks" }));
 */
export function useSessionArgs<Args extends object>(args: Args | "skip"): SessionArgs<Args> {
  return sessionArgs(args, useSessionIdFor("useSessionArgs")[0]);
}
