import type { Plugin } from "vue";
import type { Session, SessionOptions } from "@sessionid/core";
import { provideSessionWith } from "./provideSessionWith.ts";

/**
 * A Vue plugin that gives the whole app one session. Pass `createSession` options (a session is
 * created per app and disposed when the app unmounts) or a `Session` you created (never disposed
 * here: you own it).
 *
 * @example
 * import { createApp } from "vue";
 * import { localStorageBackend, sessionPlugin } from "@sessionid/vue";
 *
 * createApp(App).use(sessionPlugin({ storage: localStorageBackend(), key: "shop" })).mount("#app");
 */
export const sessionPlugin =
  (source?: SessionOptions | Session): Plugin =>
  (app) =>
    // app.provide works detached: Vue's app methods close over the app rather than use `this`.
    void provideSessionWith(app.provide, source, (dispose) => {
      // Wrapping unmount (rather than app.onUnmount, new in Vue 3.5) keeps Vue 3.3 and 3.4 working.
      const unmount = app.unmount;
      app.unmount = () => (unmount(), dispose());
    });
