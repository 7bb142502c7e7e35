import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from "vue";
import { sessionArgs, type SessionArgs } from "@sessionid/core";
import { injectSessionId } from "./injectSessionId.ts";

/**
 * `{ ...args, sessionId }` as a computed ref, or `"skip"` while the ID is unknown or when `args`
 * is `"skip"`: the shape query composables take for "don't run yet". `args` may be a plain
 * object, a ref or a getter. Its value stays the same object while the ID and the args' values
 * do, so watchers of it run only on a real change.
 *
 * @example
 * const page = ref(1);
 * const cartArgs = useSessionArgs(() => ({ page: page.value }));
 * const cart = useQuery(api.cart.list, cartArgs); // convex-vue, or TanStack Query's `enabled`
 */
export const useSessionArgs = <Args extends object>(args: MaybeRefOrGetter<Args | "skip">): ComputedRef<SessionArgs<Args>> => {
  const sessionId = injectSessionId("useSessionArgs").sessionId;
  // The computed's previous value goes back to core, which keeps it while nothing changed.
  return computed((previous) => sessionArgs(toValue(args), sessionId.value, previous));
};
