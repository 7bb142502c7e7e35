import type { Session, SessionId } from "./types.ts";

/**
 * The arguments of a function that takes `sessionId`, without it; optional when nothing else is
 * required, and no keys at all (so a hand-passed `sessionId` is an error) when nothing else is taken.
 */
export type ArgsWithoutSessionId<Args> = [keyof Omit<Args, "sessionId">] extends [never]
  ? [args?: Record<string, never>]
  : {} extends Omit<Args, "sessionId">
    ? [args?: Omit<Args, "sessionId">]
    : [args: Omit<Args, "sessionId">];

/**
 * Wraps a backend call so that it receives `{ ...args, sessionId }`. The ID is the one current
 * at call time; a call made before the ID is known (async backend loading) waits for it.
 *
 * @example
 * const addToCart = withSessionId(session, (args: { sessionId: string; item: string }) =>
 *   api.post("/cart", args),
 * );
 * await addToCart({ item: "socks" });
 */
export const withSessionId =
  <Args extends { sessionId: string }, Result>(session: Session, fn: (args: Args) => Result) =>
  async (...[args]: ArgsWithoutSessionId<Args>): Promise<Awaited<Result>> =>
    await fn({ ...args, sessionId: session.get() ?? (await session.ready()) } as unknown as Args);
