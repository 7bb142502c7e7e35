import { withSessionId, type SessionId, type WithSessionIdOptions } from "@sessionid/core";
import { useSession } from "@sessionid/react";
import { useAction } from "convex/react";
import type { FunctionReturnType, OptionalRestArgs } from "convex/server";
import { useMemo } from "react";
import type { SessionArgsArray, SessionFunction } from "./sessionFunctionTypes.ts";

/** An action function that adds the session ID. See {@link useSessionAction}. */
export type ReactSessionAction<Action extends SessionFunction<"action", "public">> = (
  ...args: SessionArgsArray<Action>
) => Promise<FunctionReturnType<Action>>;

/**
 * `useAction` for an action that takes `sessionId`: call it without the ID. It sends the ID
 * current at call time, waits for the ID if it is not known yet, and keeps its identity.
 * `options.ended` as in {@link useSessionMutation}.
 *
 * @example
 * const checkout = useSessionAction(api.cart.checkout, { ended: sessionEnded });
 * <button onClick={() => checkout({ coupon })}>Pay</button>
 */
export function useSessionAction<Action extends SessionFunction<"action", "public">>(
  action: Action,
  options?: WithSessionIdOptions,
): ReactSessionAction<Action> {
  const session = useSession();
  const act = useAction(action);
  const ended = options?.ended;
  return useMemo(
    () => withSessionId(session, (args: { sessionId: SessionId }) => act(...([args] as unknown as OptionalRestArgs<Action>)), { ended }),
    [session, act, ended],
  ) as ReactSessionAction<Action>;
}
