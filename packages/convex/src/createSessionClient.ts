import { withSessionId, type Session, type SessionId, type WithSessionIdOptions } from "@sessionid/core";
import type { ConvexClient, MutationOptions } from "convex/browser";
import type { FunctionArgs, FunctionReturnType } from "convex/server";
import type {
  SessionArgsAndOptions,
  SessionArgsArray,
  SessionFunction,
  SessionFunctionArgs,
} from "./sessionFunctionTypes.ts";

/** What {@link createSessionClient} needs from a client: a `ConvexClient`, or anything shaped like one. */
export type ConvexClientLike = Pick<ConvexClient, "query" | "mutation" | "action" | "onUpdate" | "close">;

/** Stops a subscription (call it, or its `unsubscribe`); the same shape `ConvexClient.onUpdate` returns. */
export interface Unsubscribe<T> {
  (): void;
  unsubscribe(): void;
  /** The last result received, if any. */
  getCurrentValue(): T | undefined;
}

/** A `ConvexClient` whose calls carry the session ID. See {@link createSessionClient}. */
export interface SessionClient<Client extends ConvexClientLike = ConvexClient> {
  /** The wrapped client, for calls that take no session ID. */
  readonly client: Client;
  /** The session whose ID the calls carry. */
  readonly session: Session;
  /** Runs a query once with the current ID (waiting for it if unknown). */
  query<Query extends SessionFunction<"query", "public">>(
    query: Query,
    ...args: SessionArgsArray<Query>
  ): Promise<Awaited<FunctionReturnType<Query>>>;
  /** Runs a mutation with the current ID (waiting for it if unknown). */
  mutation<Mutation extends SessionFunction<"mutation", "public">>(
    mutation: Mutation,
    ...args: SessionArgsAndOptions<Mutation, MutationOptions>
  ): Promise<Awaited<FunctionReturnType<Mutation>>>;
  /** Runs an action with the current ID (waiting for it if unknown). */
  action<Action extends SessionFunction<"action", "public">>(
    action: Action,
    ...args: SessionArgsArray<Action>
  ): Promise<Awaited<FunctionReturnType<Action>>>;
  /**
   * Subscribes to a query with the current ID, and moves the subscription to the new ID
   * whenever the session rotates. Nothing runs while the ID is unknown.
   */
  onUpdate<Query extends SessionFunction<"query", "public">>(
    query: Query,
    args: SessionFunctionArgs<Query>,
    callback: (result: FunctionReturnType<Query>) => unknown,
    onError?: (error: Error) => unknown,
  ): Unsubscribe<FunctionReturnType<Query>>;
  /** Stops every subscription made through this wrapper, then closes the client. */
  close(): Promise<void>;
}

/**
 * Wraps the framework-free `ConvexClient` (from `convex/browser`) so that every query,
 * mutation, action and subscription carries the session's ID. Subscriptions follow a
 * `session.refresh()`: they re-subscribe with the new ID and drop the old one. Works in any
 * framework (Vue, Svelte, Solid, none). With a session that has a lifetime
 * (`@sessionid/core/lifetime`), `options.ended` says which errors mean the server ended the
 * session, e.g. `(error) => error instanceof ConvexError && error.data?.code == "SESSION_ENDED"`:
 * the session then rotates once across tabs, and the call rejects (a subscription's `onError`
 * hears) with `session-ended`.
 *
 * @example
 * import { ConvexClient } from "convex/browser";
 * import { createSession } from "@sessionid/core";
 * import { createSessionClient } from "@sessionid/convex/browser";
 *
 * const convex = createSessionClient(new ConvexClient(import.meta.env.VITE_CONVEX_URL), createSession());
 * const stop = convex.onUpdate(api.cart.list, {}, (items) => render(items));
 * await convex.mutation(api.cart.add, { name: "socks" });
 */
export function createSessionClient<Client extends ConvexClientLike>(
  client: Client,
  session: Session,
  options: WithSessionIdOptions = {},
): SessionClient<Client> {
  const subscriptions = new Set<() => void>();
  const call = <Result>(run: (args: { sessionId: SessionId }) => Promise<Result>, args?: object) =>
    withSessionId(session, run, options)(args as Record<string, never>);
  return {
    client,
    session,
    query: (query, ...[args]) => call((full) => client.query(query, full as FunctionArgs<typeof query>), args),
    mutation: (mutation, ...[args, options]) =>
      call((full) => client.mutation(mutation, full as FunctionArgs<typeof mutation>, options), args),
    action: (action, ...[args]) => call((full) => client.action(action, full as FunctionArgs<typeof action>), args),
    onUpdate(query, args, callback, onError) {
      // Without onError an error makes noise, as ConvexClient's own does (an unhandled
      // rejection): a failing query must not leave the page loading without a word.
      const report = onError ?? ((error: Error) => Promise.reject(error));
      // A subscription's error that says its session ended: the session rotates (and this
      // subscription follows it), and onError hears `session-ended`. Without `ended`, the
      // client gets the app's onError as it is.
      const failed = (sent: SessionId) =>
        options.ended && session.end
          ? (error: Error) =>
              // (An onError that throws here surfaces as an unhandled rejection: reported, as a
              // throw from a callback called directly would be, not swallowed.)
              options.ended!(error) ? session.end!(sent).then(report) : report(error)
          : onError;
      let id: SessionId | undefined;
      let inner: Unsubscribe<FunctionReturnType<typeof query>> | undefined;
      const follow = (next: SessionId | undefined) => {
        if (next == id) return;
        id = next;
        const previous = inner;
        // Subscribe with the new ID before dropping the old, so the client never holds neither.
        inner = next && client.onUpdate(query, { ...args, sessionId: next } as FunctionArgs<typeof query>, callback, failed(next));
        previous?.();
      };
      const stopFollowing = session.subscribe(follow);
      follow(session.get());
      const unsubscribe = () => {
        subscriptions.delete(unsubscribe);
        stopFollowing();
        inner?.();
        inner = undefined;
      };
      subscriptions.add(unsubscribe);
      return Object.assign(unsubscribe, { unsubscribe, getCurrentValue: () => inner?.getCurrentValue() });
    },
    async close() {
      subscriptions.forEach((unsubscribe) => unsubscribe());
      await client.close();
    },
  };
}
