import type { ConvexReactClient } from "convex/react";
import { getFunctionName, type FunctionReference } from "convex/server";
import type { Backend } from "./convexTest.ts";

type Args = Record<string, unknown>;
interface Entry {
  query: FunctionReference<"query">;
  args: Args;
  listeners: Set<() => void>;
  value?: unknown;
  error?: Error;
  json?: string;
}

/**
 * A stand-in for `ConvexReactClient` behind `<ConvexProvider>`, backed by convex-test. It has
 * what `useQuery`, `usePaginatedQuery`, `useMutation` and `useAction` call: `watchQuery` (a
 * watch per query and arguments, fetched while someone listens, re-fetched after every mutation
 * or action), `mutation` and `action`.
 */
export function createTestReactClient(t: Backend) {
  const entries = new Map<string, Entry>();
  const pending = new Set<Promise<unknown>>();
  const calls: { kind: string; name: string; args: Args; options?: unknown }[] = [];
  const watched: { name: string; args: Args }[] = [];

  const fetch = (entry: Entry) => {
    const run = t.query(entry.query, entry.args).then(
      (value) => {
        const json = JSON.stringify(value);
        if (json == entry.json) return;
        Object.assign(entry, { json, value, error: undefined });
        entry.listeners.forEach((listener) => listener());
      },
      (error: Error) => {
        entry.error = error;
        entry.listeners.forEach((listener) => listener());
      },
    );
    pending.add(run);
    void run.finally(() => pending.delete(run));
  };
  const refetch = () => entries.forEach((entry) => entry.listeners.size && fetch(entry));

  const client = {
    logger: console,
    watchQuery(query: FunctionReference<"query">, args: Args = {}) {
      watched.push({ name: getFunctionName(query), args });
      const key = `${getFunctionName(query)}:${JSON.stringify(args)}`;
      const entry = entries.get(key) ?? { query, args, listeners: new Set() };
      entries.set(key, entry);
      return {
        onUpdate(listener: () => void) {
          entry.listeners.add(listener);
          if (entry.listeners.size == 1) fetch(entry);
          return () => void entry.listeners.delete(listener);
        },
        localQueryResult() {
          if (entry.error) throw entry.error;
          return entry.value;
        },
        journal: () => undefined,
      };
    },
    async mutation(mutation: FunctionReference<"mutation">, args: Args = {}, options?: unknown) {
      calls.push({ kind: "mutation", name: getFunctionName(mutation), args, options });
      const result = await t.mutation(mutation, args);
      refetch();
      return result;
    },
    async action(action: FunctionReference<"action">, args: Args = {}) {
      calls.push({ kind: "action", name: getFunctionName(action), args });
      const result = await t.action(action, args);
      refetch();
      return result;
    },
  };
  return Object.assign(client as unknown as ConvexReactClient, {
    /** Every mutation and action call the client received. */
    calls,
    /** Every query a hook asked to watch (even only to read its local result), in order. */
    watched,
    /** The queries someone is listening to now. */
    active: () =>
      [...entries.values()]
        .filter((entry) => entry.listeners.size)
        .map(({ query, args }) => ({ name: getFunctionName(query), args })),
    /** Resolves once every watched query has its latest result. */
    async idle() {
      while (pending.size) await Promise.all(pending);
    },
  });
}
