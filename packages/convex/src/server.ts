/**
 * Convex function helpers for session IDs: the same names as `convex-helpers/server/sessions`,
 * with the branded `SessionId` of `@sessionid/core`, and `isSessionId` for a runtime format check.
 *
 * @module
 */
import type { SessionId } from "@sessionid/core";
import type { FunctionReturnType, GenericActionCtx, GenericDataModel, OptionalRestArgs } from "convex/server";
import { v, type Validator } from "convex/values";
import type { SessionArgsArray, SessionFunction } from "./sessionFunctionTypes.ts";

export { isSessionId, type SessionId } from "@sessionid/core";
export type {
  SessionArgsArray,
  SessionFunction,
  SessionFunctionArgs,
} from "./sessionFunctionTypes.ts";

/**
 * Validator for a session ID argument or field. At runtime it is `v.string()` (Convex
 * validators cannot check a format); apply {@link isSessionId} where a bad ID matters.
 *
 * @example
 * defineTable({ sessionId: vSessionId, name: v.string() }).index("by_session", ["sessionId"]);
 */
export const vSessionId = v.string() as Validator<SessionId>;

/**
 * Spread into a function's `args` to take the session ID the client helpers inject.
 *
 * @example
 * export const list = query({
 *   args: { ...SessionIdArg },
 *   handler: (ctx, { sessionId }) =>
 *     ctx.db.query("items").withIndex("by_session", (q) => q.eq("sessionId", sessionId)).collect(),
 * });
 */
export const SessionIdArg = { sessionId: vSessionId };

/** The part of an action's `ctx` that {@link runSessionFunctions} uses. */
export type SessionFunctionRunner = Pick<
  GenericActionCtx<GenericDataModel>,
  "runQuery" | "runMutation" | "runAction"
>;

/** `ctx.runQuery` / `runMutation` / `runAction` with the session ID injected. */
export interface RunSessionFunctions {
  /** Runs a query that takes `sessionId`, passing the session's ID. */
  runSessionQuery<Query extends SessionFunction<"query">>(
    query: Query,
    ...args: SessionArgsArray<Query>
  ): Promise<FunctionReturnType<Query>>;
  /** Runs a mutation that takes `sessionId`, passing the session's ID. */
  runSessionMutation<Mutation extends SessionFunction<"mutation">>(
    mutation: Mutation,
    ...args: SessionArgsArray<Mutation>
  ): Promise<FunctionReturnType<Mutation>>;
  /** Runs an action that takes `sessionId`, passing the session's ID. */
  runSessionAction<Action extends SessionFunction<"action">>(
    action: Action,
    ...args: SessionArgsArray<Action>
  ): Promise<FunctionReturnType<Action>>;
}

/**
 * For actions: `runSessionQuery`, `runSessionMutation` and `runSessionAction`, which are
 * `ctx.runQuery` and friends with `sessionId` added to the arguments.
 *
 * @example
 * export const checkout = action({
 *   args: { ...SessionIdArg },
 *   handler: async (ctx, { sessionId }) => {
 *     const { runSessionQuery, runSessionMutation } = runSessionFunctions(ctx, sessionId);
 *     const items = await runSessionQuery(api.cart.list);
 *     await runSessionMutation(api.cart.clear);
 *     return items.length;
 *   },
 * });
 */
export function runSessionFunctions(ctx: SessionFunctionRunner, sessionId: SessionId): RunSessionFunctions {
  // The public signatures check the arguments; inside, they are the function's plus the ID.
  const withId = <Args>(args: object | undefined) => [{ ...args, sessionId }] as Args;
  return {
    runSessionQuery: (query, ...[args]) => ctx.runQuery(query, ...withId<OptionalRestArgs<typeof query>>(args)),
    runSessionMutation: (mutation, ...[args]) =>
      ctx.runMutation(mutation, ...withId<OptionalRestArgs<typeof mutation>>(args)),
    runSessionAction: (action, ...[args]) => ctx.runAction(action, ...withId<OptionalRestArgs<typeof action>>(args)),
  };
}
