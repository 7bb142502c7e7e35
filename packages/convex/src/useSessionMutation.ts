import { withSessionId, type Session, type SessionId, type WithSessionIdOptions } from "@sessionid/core";
import { useSession } from "@sessionid/react";
import type { OptimisticUpdate } from "convex/browser";
import { useMutation, type ReactMutation } from "convex/react";
import type { FunctionArgs, FunctionReturnType, OptionalRestArgs } from "convex/server";
import { useMemo } from "react";
import type { SessionArgsArray, SessionFunction } from "./sessionFunctionTypes.ts";

/** A mutation function that adds the session ID. See {@link useSessionMutation}. */
export interface ReactSessionMutation<Mutation extends SessionFunction<"mutation", "public">> {
  (...args: SessionArgsArray<Mutation>): Promise<FunctionReturnType<Mutation>>;
  /** The same mutation with an optimistic update; the update sees the arguments with `sessionId`. */
  withOptimisticUpdate(optimisticUpdate: OptimisticUpdate<FunctionArgs<Mutation>>): ReactSessionMutation<Mutation>;
}

const withSession = <Mutation extends SessionFunction<"mutation", "public">>(
  session: Session,
  mutate: ReactMutation<Mutation>,
  options: WithSessionIdOptions,
): ReactSessionMutation<Mutation> =>
  Object.assign(
    withSessionId(session, (args: { sessionId: SessionId }) => mutate(...([args] as unknown as OptionalRestArgs<Mutation>)), options),
    {
      withOptimisticUpdate: (update: OptimisticUpdate<FunctionArgs<Mutation>>) =>
        withSession(session, mutate.withOptimisticUpdate(update as Parameters<typeof mutate.withOptimisticUpdate>[0]), options),
    },
  ) as ReactSessionMutation<Mutation>;

/**
 * `useMutation` for a mutation that takes `sessionId`: call it without the ID. It sends the
 * ID current at call time (after a `refresh`, the new one), waits for the ID if it is not
 * known yet, and keeps its identity across renders and rotations. With a session lifetime,
 * `options.ended` says which errors mean the server ended the session: the session then rotates
 * and the call rejects with `session-ended` (define it outside the component, or memoize it, so
 * the function keeps its identity).
 *
 * @example
 * const sessionEnded = (error: unknown) => error instanceof ConvexError && error.data?.code == "SESSION_ENDED";
 * const add = useSessionMutation(api.cart.add, { ended: sessionEnded });
 * <button onClick={() => add({ name: "socks" })}>Add</button>
 */
export function useSessionMutation<Mutation extends SessionFunction<"mutation", "public">>(
  mutation: Mutation,
  options?: WithSessionIdOptions,
): ReactSessionMutation<Mutation> {
  const session = useSession();
  const mutate = useMutation(mutation);
  const ended = options?.ended;
  return useMemo(() => withSession(session, mutate, { ended }), [session, mutate, ended]);
}
