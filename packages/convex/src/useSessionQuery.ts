import { useSessionArgs } from "@sessionid/react";
import { useQuery, type OptionalRestArgsOrSkip } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import type { SessionFunction, SessionQueryArgsArray } from "./sessionFunctionTypes.ts";

/**
 * `useQuery` for a query that takes `sessionId`: pass the other arguments (or `"skip"`) and the
 * session's ID is added. Skips while the ID is unknown (async backend loading, hydration) and
 * re-runs with the new ID after a `refresh`.
 *
 * @example
 * const items = useSessionQuery(api.cart.list); // undefined while loading
 * const page = useSessionQuery(api.cart.search, open ? { text } : "skip");
 */
export function useSessionQuery<Query extends SessionFunction<"query", "public">>(
  query: Query,
  ...args: SessionQueryArgsArray<Query>
): FunctionReturnType<Query> | undefined {
  const full = useSessionArgs(args[0] ?? {});
  return useQuery(query, ...([full] as OptionalRestArgsOrSkip<Query>));
}
