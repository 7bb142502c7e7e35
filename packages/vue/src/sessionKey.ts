import type { EffectScope, InjectionKey } from "vue";
import type { Session } from "@sessionid/core";

/** Where `sessionPlugin` and `provideSession` put the session for the composables to inject. */
export const sessionKey: InjectionKey<Session> = Symbol();

/**
 * The session each component's `provideSession` made, by the component's effect scope: Vue's
 * `inject` reads only what the parents provide, so the component that calls `provideSession`
 * finds its own session here.
 */
export const ownSessions = /* @__PURE__ */ new WeakMap<EffectScope, Session>();
