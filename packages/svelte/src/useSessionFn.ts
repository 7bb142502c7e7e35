import { withSessionId } from "./core.js";
import { sessionContext } from "./setSessionContext.js";

/**
 * A stable function that calls `fn({ ...args, sessionId })` with the ID current at call time,
 * waiting for it if it is not known yet. Call it in a component's `<script>`.
 *
 * @example
 * <script>
 *   import { useSessionFn } from "@sessionid/svelte";
 *   const addToCart = useSessionFn((args: { item: string; sessionId: string }) => api.post("/cart", args));
 * </script>
 * <button onclick={() => addToCart({ item: "socks" })}>Add</button>
 */
export const useSessionFn = <Args extends { sessionId: string }, Result>(fn: (args: Args) => Result) =>
  withSessionId(sessionContext("useSessionFn").session, fn);
