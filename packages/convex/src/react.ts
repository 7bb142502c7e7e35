/**
 * React hooks for Convex functions that take a session ID, over `convex/react` and
 * `@sessionid/react`: the same names as `convex-helpers/react/sessions`. Everything from
 * `@sessionid/react` (SessionProvider, useSessionId, …) is re-exported, so one import serves.
 *
 * @module
 */
import type { Session } from "@sessionid/core";

export * from "@sessionid/react";
export { useSessionQuery } from "./useSessionQuery.ts";
export {
  useSessionPaginatedQuery,
  type SessionPaginatedQueryArgs,
  type SessionPaginatedQueryFunction,
} from "./useSessionPaginatedQuery.ts";
export { useSessionMutation, type ReactSessionMutation } from "./useSessionMutation.ts";
export { useSessionAction, type ReactSessionAction } from "./useSessionAction.ts";
export type {
  SessionArgsAndOptions,
  SessionArgsArray,
  SessionFunction,
  SessionFunctionArgs,
  SessionQueryArgsArray,
} from "./sessionFunctionTypes.ts";

/**
 * convex-helpers' name for {@link useSessionArgs}, kept so a migration is a change of import:
 * `{ ...args, sessionId }`, or `"skip"` while the ID is unknown or when `args` is `"skip"`.
 *
 * @example
 * const cart = useQuery(api.cart.list, useSessionIdArg({}));
 */
export { useSessionArgs as useSessionIdArg } from "@sessionid/react";

/**
 * convex-helpers' name for the `refresh` that `useSessionId()` returns: rotates the ID, running
 * `beforeCommit(next, previous)` first (if it throws, nothing changes).
 *
 * @example
 * const [, refresh]: [unknown, RefreshSessionFn] = useSessionId();
 */
export type RefreshSessionFn = Session["refresh"];
