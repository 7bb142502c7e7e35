// The adapter's own exports, without the core re-export: a separate build entry so size-limit
// can measure them alone (esbuild wraps `export *` from an external module in a re-export helper
// that an app's ESM bundle never contains).
export { provideSession } from "./provideSession.ts";
export { sessionPlugin } from "./sessionPlugin.ts";
export { useSession } from "./useSession.ts";
export { useSessionArgs } from "./useSessionArgs.ts";
export { useSessionFn } from "./useSessionFn.ts";
export { useSessionId } from "./useSessionId.ts";
