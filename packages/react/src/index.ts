export * from "@sessionid/core";
export { SessionProvider, type SessionProviderProps } from "./SessionProvider.tsx";
export { useSession } from "./useSession.ts";
export { useSessionArgs } from "./useSessionArgs.ts";
export { useSessionFn } from "./useSessionFn.ts";
export { useSessionId } from "./useSessionId.ts";
