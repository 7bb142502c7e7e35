import { createMemo, type Accessor } from "solid-js";
import { sessionArgs, type SessionArgs } from "@sessionid/core";
import { useSessionId } from "./useSessionId.js";

/**
 * `{ ...args(), sessionId }` as an accessor, or `"skip"` while the ID is unknown or when
 * `args()` is `"skip"`: the shape query primitives take for "don't run yet".
 *
 * @example
 * const args = useSessionArgs(() => ({ page: page() }));
 * const cart = createQuery(() => ({ queryKey: ["cart", args()], enabled: args() != "skip", queryFn: () => api.cart(args()) }));
 */
export function useSessionArgs<Args extends object>(args: Accessor<Args | "skip">): Accessor<SessionArgs<Args>> {
  const [sessionId] = useSessionId();
  return createMemo(() => sessionArgs(args(), sessionId()));
}
