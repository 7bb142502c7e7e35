import type { InjectionKey } from "vue";
import type { Session } from "@sessionid/core";

/** Where `sessionPlugin` and `provideSession` put the session for the composables to inject. */
export const sessionKey: InjectionKey<Session> = Symbol();
