import { useRef } from "react";
import { sessionArgs, type SessionArgs } from "@sessionid/core";
import { useSessionIdFor } from "./useSessionId.ts";

/**
 * `{ ...args, sessionId }`, or `"skip"` while the ID is unknown or when `args` is `"skip"`:
 * the shape Convex, TanStack Query and SWR hooks take for "don't run yet". The same object is
 * returned while the ID and the args' values stay the same, so effects that depend on it do not
 * re-run on every render.
 *
 * @example
 * const cart = useQuery(api.cart.get, useSessionArgs({ shop: "socks" }));
 */
export function useSessionArgs<Args extends object>(args: Args | "skip"): SessionArgs<Args> {
  const last = useRef<SessionArgs<Args>>(undefined);
  // core's sessionArgs hands back `last` itself when nothing changed (a render React discards
  // can only leave an equal object behind, which is as good).
  return (last.current = sessionArgs(args, useSessionIdFor("useSessionArgs")[0], last.current));
}
