export * from "./core.js";
export type * from "@sessionid/core";
export { sessionIdStore } from "./sessionIdStore.js";
export { setSessionContext, type SessionContextOptions } from "./setSessionContext.js";
export { useSession } from "./useSession.js";
export { useSessionArgs } from "./useSessionArgs.svelte.js";
export { useSessionFn } from "./useSessionFn.js";
export { useSessionId, type SessionIdState } from "./useSessionId.svelte.js";
