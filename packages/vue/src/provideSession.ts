import { onScopeDispose, provide } from "vue";
import type { Session, SessionOptions } from "@sessionid/core";
import { provideSessionWith } from "./provideSessionWith.ts";

/**
 * Gives a component's subtree its own session; call it in `setup`. Inside that subtree it wins
 * over `sessionPlugin` and outer providers. With options, the session is created here and
 * disposed when the component unmounts; a `Session` you pass in is never disposed here.
 *
 * @example
 * // Checkout.vue: a separate, per-browser session for this subtree only
 * <script setup lang="ts">
 * import { provideSession } from "@sessionid/vue";
 * provideSession({ storage: "local", key: "checkout" });
 * </script>
 */
export const provideSession = (source?: SessionOptions | Session): Session =>
  provideSessionWith(provide, source, onScopeDispose);
