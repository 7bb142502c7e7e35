import type { FunctionArgs, FunctionReference, FunctionType, FunctionVisibility } from "convex/server";

/**
 * A reference to a Convex function that takes a `sessionId` argument (declared with
 * `SessionIdArg`, `vSessionId` or `v.string()`).
 *
 * @example
 * const list: SessionFunction<"query"> = api.cart.list;
 */
export type SessionFunction<
  Type extends FunctionType,
  Visibility extends FunctionVisibility = FunctionVisibility,
> = FunctionReference<Type, Visibility, { sessionId: string }>;

/**
 * A session function's arguments without `sessionId`: what a caller passes. When `sessionId`
 * was the only one, an object that takes no keys (so passing `sessionId` is an error).
 *
 * @example
 * const args: SessionFunctionArgs<typeof api.cart.add> = { name: "socks" };
 */
export type SessionFunctionArgs<Fn extends SessionFunction<FunctionType>> = keyof FunctionArgs<Fn> extends "sessionId"
  ? Record<string, never>
  : Omit<FunctionArgs<Fn>, "sessionId">;

/**
 * The rest parameters of a call to a session function: its arguments without `sessionId`,
 * optional when nothing else is required.
 *
 * @example
 * const run = <Fn extends SessionFunction<"query">>(fn: Fn, ...args: SessionArgsArray<Fn>) => args[0];
 */
export type SessionArgsArray<Fn extends SessionFunction<FunctionType>> =
  {} extends SessionFunctionArgs<Fn> ? [args?: SessionFunctionArgs<Fn>] : [args: SessionFunctionArgs<Fn>];

/**
 * Like {@link SessionArgsArray}, also accepting `"skip"` (for reactive queries).
 *
 * @example
 * useSessionQuery(api.cart.list, signedIn ? {} : "skip");
 */
export type SessionQueryArgsArray<Fn extends SessionFunction<"query">> =
  {} extends SessionFunctionArgs<Fn>
    ? [args?: SessionFunctionArgs<Fn> | "skip"]
    : [args: SessionFunctionArgs<Fn> | "skip"];

/**
 * Like {@link SessionArgsArray}, followed by the client's call options (mutations).
 *
 * @example
 * await convex.mutation(api.cart.add, { name: "socks" }, { optimisticUpdate });
 */
export type SessionArgsAndOptions<Fn extends SessionFunction<FunctionType>, Options> =
  {} extends SessionFunctionArgs<Fn>
    ? [args?: SessionFunctionArgs<Fn>, options?: Options]
    : [args: SessionFunctionArgs<Fn>, options?: Options];
