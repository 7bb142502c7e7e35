import type { SessionId } from "./types.ts";

/** `args` with the session ID added, or `"skip"`. */
export type SessionArgs<Args> = (Args & { sessionId: SessionId }) | "skip";

/**
 * Adds the session ID to a call's arguments, or answers `"skip"` while the ID is unknown (async
 * backend loading, server render) or when `args` is `"skip"`: the shape that Convex, TanStack
 * Query and SWR hooks take for "don't run yet". The adapters' `useSessionArgs` is this, reactive.
 *
 * @example
 * sessionArgs({ page: 2 }, session.get()); // { page: 2, sessionId: "V1StGXR8_Z5jdHi6B-myT" }
 * sessionArgs("skip", session.get());     // "skip"
 */
export const sessionArgs = <Args extends object>(
  args: Args | "skip",
  sessionId: SessionId | undefined,
): SessionArgs<Args> => (args == "skip" || !sessionId ? "skip" : { ...args, sessionId });
