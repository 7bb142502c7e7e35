import type { Plugin } from "vue";
import type { Session, SessionOptions } from "@sessionid/core";
import { resolveSession } from "./resolveSession.ts";
import { sessionKey } from "./sessionKey.ts";

/**
 * A Vue plugin that gives the whole app one session. Pass `createSession` options (a session is
 * created per app and disposed when the app unmounts) or a `Session` you created (never disposed
 * here: you own it).
 *
 * @example
 * import { createApp } from "vue";
 * import { sessionPlugin } from "@sessionid/vue";
 *
 * createApp(App).use(sessionPlugin({ storage: "local", key: "shop" })).mount("#app");
 */
export const sessionPlugin = (source?: SessionOptions | Session): Plugin => ({
  install: (app) =>
    void app.provide(
      sessionKey,
      resolveSession(source, (dispose) => {
        // Wrapping unmount (rather than app.onUnmount, new in Vue 3.5) keeps Vue 3.3 and 3.4 working.
        const unmount = app.unmount;
        app.unmount = () => (unmount(), dispose());
      }),
    ),
});
