// Core, re-exported so one import serves an app. Values are listed by name rather than with
// `export *` (test/index.test.ts checks that none is missing): esbuild, which size-limit uses,
// turns a star re-export of an external module into a runtime namespace object, so the size
// check would count code that apps whose bundler resolves the star re-export never ship.
export {
  browserScope,
  createSession,
  generateSessionId,
  idForRequest,
  isSessionId,
  localStorageBackend,
  memoryBackend,
  missingProvider,
  rotateFrom,
  SessionError,
  sessionArgs,
  sessionFetch,
  sessionStorageBackend,
  tabScope,
  withSessionId,
} from "@sessionid/core";
export type * from "@sessionid/core";
export { SessionProvider, type SessionProviderProps } from "./SessionProvider.js";
export { useSession } from "./useSession.js";
export { useSessionArgs } from "./useSessionArgs.js";
export { useSessionFn } from "./useSessionFn.js";
export { useSessionId } from "./useSessionId.js";
