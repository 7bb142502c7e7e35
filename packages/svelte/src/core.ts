// The core, re-exported so one import serves an app (index.ts re-exports this module). Values are
// listed by name rather than with `export *` (test/index.test.ts checks that none is missing):
// esbuild, which size-limit uses, turns a star re-export of an external module into a runtime
// namespace object that apps whose bundler resolves the star re-export never ship. The helpers
// import core functions from here too, so that with the core external the bundle requires it
// once instead of once per file (a size-check artefact worth 17 B; app bundlers inline the core).
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
