import type { SessionId } from "./types.ts";

/** `args` with the session ID added, or `"skip"`. */
export type SessionArgs<Args> = (Args & { sessionId: SessionId }) | "skip";

const sameArgs = (a: object, b: object) => {
  const keys = Object.keys(a);
  return keys.length == Object.keys(b).length && keys.every((key) => Object.is(a[key as keyof object], b[key as keyof object]));
};

/**
 * Adds the session ID to a call's arguments, or answers `"skip"` while the ID is unknown (async
 * backend loading, server render) or when `args` is `"skip"`: the shape that Convex, TanStack
 * Query and SWR hooks take for "don't run yet". The adapters' `useSessionArgs` is this, reactive.
 * Given the `previous` result, it returns that very object when nothing changed (same ID, same
 * values), so effects and memos that depend on it do not run again.
 *
 * @example
 * sessionArgs({ page: 2 }, session.get()); // { page: 2, sessionId: "V1StGXR8_Z5jdHi6B-myT" }
 * sessionArgs("skip", session.get());     // "skip"
 * const again = sessionArgs({ page: 2 }, session.get(), first); // first itself
 */
export const sessionArgs = <Args extends object>(
  args: Args | "skip",
  sessionId: SessionId | undefined,
  previous?: SessionArgs<Args>,
): SessionArgs<Args> => {
  if (args == "skip" || !sessionId) return "skip";
  const next = { ...args, sessionId };
  return previous && previous != "skip" && sameArgs(previous, next) ? previous : next;
};
