import type { SessionArgs } from "@sessionid/core";
import { sessionArgs } from "./core.js";
import { sessionContext } from "./setSessionContext.js";

/**
 * `{ ...args, sessionId }` as `.current` (reactive), or `"skip"` while the ID is unknown or when
 * the getter gives `"skip"`: the shape query helpers take for "don't run yet". The getter may
 * read props and state. Call it in a component's `<script>`.
 *
 * @example
 * <script>
 *   import { useSessionArgs } from "@sessionid/svelte";
 *   let { page } = $props();
 *   const args = useSessionArgs(() => ({ page }));
 *   const cart = useQuery(api.cart.list, () => args.current);
 * </script>
 */
export const useSessionArgs = <Args extends object>(getArgs: () => Args | "skip"): { readonly current: SessionArgs<Args> } => {
  const sessionId = sessionContext("useSessionArgs");
  let last: SessionArgs<Args> | undefined;
  return {
    // core's sessionArgs hands back `last` itself while the ID and the args' values are unchanged.
    get current() {
      return (last = sessionArgs(getArgs(), sessionId.current, last));
    },
  };
};
