import type { ConvexClientLike } from "@sessionid/convex/browser";
import { getFunctionName, type FunctionReference } from "convex/server";
import type { Backend } from "./convexTest.ts";

type Reference = FunctionReference<"query" | "mutation" | "action">;
type Args = Record<string, unknown>;
interface Subscription {
  query: Reference;
  args: Args;
  callback: (result: unknown) => unknown;
  onError?: ((error: Error) => unknown) | undefined;
  json?: string;
  value?: unknown;
}

/**
 * A stand-in for `ConvexClient` (the methods `createSessionClient` uses), backed by convex-test:
 * calls run the real functions, and every subscription is re-run after each mutation or action,
 * calling back when its result changed, as the Convex sync protocol would.
 */
export function createTestClient(t: Backend) {
  const subscriptions = new Set<Subscription>();
  const pending = new Set<Promise<unknown>>();
  const calls: { kind: string; name: string; args: Args }[] = [];
  let closed = false;

  const rerun = (sub: Subscription) => {
    const run = t.query(sub.query as FunctionReference<"query">, sub.args).then(
      (value) => {
        const json = JSON.stringify(value);
        if (!subscriptions.has(sub) || json == sub.json) return;
        Object.assign(sub, { json, value });
        sub.callback(value);
      },
      // As ConvexClient does: an error without onError makes noise (an unhandled rejection).
      (error: Error) => subscriptions.has(sub) && (sub.onError ? sub.onError(error) : void Promise.reject(error)),
    );
    pending.add(run);
    void run.finally(() => pending.delete(run));
  };
  const call = async <T>(kind: string, reference: Reference, args: Args, run: () => Promise<T>) => {
    calls.push({ kind, name: getFunctionName(reference), args });
    const result = await run();
    if (kind != "query") subscriptions.forEach(rerun);
    return result;
  };

  const client = {
    query: (query: FunctionReference<"query">, args: Args) => call("query", query, args, () => t.query(query, args)),
    mutation: (mutation: FunctionReference<"mutation">, args: Args) =>
      call("mutation", mutation, args, () => t.mutation(mutation, args)),
    action: (action: FunctionReference<"action">, args: Args) =>
      call("action", action, args, () => t.action(action, args)),
    onUpdate(query: Reference, args: Args, callback: Subscription["callback"], onError?: Subscription["onError"]) {
      const sub: Subscription = { query, args, callback, onError };
      subscriptions.add(sub);
      rerun(sub);
      const unsubscribe = () => void subscriptions.delete(sub);
      return Object.assign(unsubscribe, { unsubscribe, getCurrentValue: () => sub.value });
    },
    async close() {
      closed = true;
      subscriptions.clear();
    },
  };
  return Object.assign(client as unknown as ConvexClientLike, {
    /** Every query, mutation and action call the client received, with its arguments. */
    calls,
    /** The subscriptions the client holds now. */
    active: () => [...subscriptions].map(({ query, args }) => ({ name: getFunctionName(query), args })),
    /** The onError each subscription the client holds was given. */
    errorHandlers: () => [...subscriptions].map(({ onError }) => onError),
    /** Resolves once every subscription has its latest result delivered. */
    async idle() {
      while (pending.size) await Promise.all(pending);
    },
    isClosed: () => closed,
  });
}
