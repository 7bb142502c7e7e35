import { useSessionArgs } from "@sessionid/react";
import {
  usePaginatedQuery,
  type PaginatedQueryArgs,
  type PaginatedQueryReference,
  type UsePaginatedQueryReturnType,
} from "convex/react";
import type { SessionFunction } from "./sessionFunctionTypes.ts";

/** A paginated query that also takes `sessionId`. */
export type SessionPaginatedQueryFunction = PaginatedQueryReference & SessionFunction<"query", "public">;

/** A paginated session query's arguments without `sessionId` and `paginationOpts`, or `"skip"`. */
export type SessionPaginatedQueryArgs<Query extends SessionPaginatedQueryFunction> =
  | (keyof PaginatedQueryArgs<Query> extends "sessionId" ? Record<string, never> : Omit<PaginatedQueryArgs<Query>, "sessionId">)
  | "skip";

/**
 * `usePaginatedQuery` for a query that takes `sessionId`. Skips while the ID is unknown, and
 * starts again from the first page with the new ID after a `refresh`.
 *
 * @example
 * const { results, status, loadMore } = useSessionPaginatedQuery(api.cart.page, {}, { initialNumItems: 10 });
 */
export function useSessionPaginatedQuery<Query extends SessionPaginatedQueryFunction>(
  query: Query,
  args: SessionPaginatedQueryArgs<Query>,
  options: { initialNumItems: number },
): UsePaginatedQueryReturnType<Query> {
  return usePaginatedQuery(query, useSessionArgs(args) as PaginatedQueryArgs<Query> | "skip", options);
}
