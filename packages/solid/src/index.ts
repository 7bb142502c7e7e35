export * from "@sessionid/core";
export { SessionProvider, type SessionProviderProps } from "./SessionProvider.js";
export { useSession } from "./useSession.js";
export { useSessionArgs } from "./useSessionArgs.js";
export { useSessionFn } from "./useSessionFn.js";
export { useSessionId } from "./useSessionId.js";
