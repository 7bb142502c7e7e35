import { createMemo, type Accessor } from "solid-js";
import { sessionArgs, type SessionArgs } from "@sessionid/core";
import { requireSession } from "./SessionProvider.js";
import { useSessionId } from "./useSessionId.js";

/**
 * `{ ...args(), sessionId }` as an accessor, or `"skip"` while the ID is unknown or when
 * `args()` is `"skip"`: the shape query primitives take for "don't run yet". Throws a
 * `SessionError` (code `"no-provider"`) below no `<SessionProvider>`.
 *
 * @example
 * const args = useSessionArgs(() => ({ page: page() }));
 * const cart = createQuery(() => ({ queryKey: ["cart", args()], enabled: args() != "skip", queryFn: () => api.cart(args()) }));
 */
export function useSessionArgs<Args extends object>(args: Accessor<Args | "skip">): Accessor<SessionArgs<Args>> {
  // Looked up here first so that, below no provider, the error names the primitive the user called.
  requireSession("useSessionArgs");
  const [sessionId] = useSessionId();
  // The memo's previous value goes back to core, which keeps it while nothing changed.
  return createMemo((previous) => sessionArgs(args(), sessionId(), previous));
}
