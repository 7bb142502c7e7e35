import type { SessionId as CoreSessionId, Session } from "@sessionid/core";
import { createSessionClient, type ConvexClientLike } from "@sessionid/convex/browser";
import {
  useSessionAction,
  useSessionMutation,
  useSessionPaginatedQuery,
  useSessionQuery,
} from "@sessionid/convex/react";
import { runSessionFunctions, SessionIdArg, vSessionId, type SessionId } from "@sessionid/convex/server";
import type { ConvexClient } from "convex/browser";
import type { GenericActionCtx } from "convex/server";
import type { GenericId, Infer } from "convex/values";
import { describe, expectTypeOf, test } from "vitest";
import { api } from "./convex/_generated/api.ts";
import type { DataModel } from "./convex/_generated/server.ts";

// Type tests: checked by tsc (vitest typecheck), never run.
declare const session: Session;
declare const sessionId: SessionId;

describe("server types", () => {
  test("vSessionId and SessionIdArg carry core's branded SessionId", () => {
    expectTypeOf<Infer<typeof vSessionId>>().toEqualTypeOf<CoreSessionId>();
    expectTypeOf<Infer<typeof SessionIdArg.sessionId>>().toEqualTypeOf<CoreSessionId>();
  });

  test("a plain string is not a SessionId", () => {
    expectTypeOf<string>().not.toExtend<SessionId>();
  });

  test("runSessionFunctions calls take the arguments without sessionId and keep return types", () => {
    const { runSessionQuery, runSessionMutation, runSessionAction } = runSessionFunctions(
      {} as GenericActionCtx<DataModel>,
      sessionId,
    );
    expectTypeOf(runSessionQuery(api.cart.list)).resolves.toEqualTypeOf<string[]>();
    expectTypeOf(runSessionMutation(api.cart.add, { name: "socks" })).resolves.toEqualTypeOf<GenericId<"items">>();
    expectTypeOf(runSessionAction(api.cart.addMany, { names: [] })).resolves.toEqualTypeOf<string[]>();
    // @ts-expect-error the ID is injected, not passed
    void runSessionQuery(api.cart.list, { sessionId });
    // @ts-expect-error `name` is required
    void runSessionMutation(api.cart.add);
    // @ts-expect-error a function without a sessionId argument is not a session function
    void runSessionQuery(api.cart.total);
  });
});

describe("browser client types", () => {
  test("a real ConvexClient is accepted", () => {
    expectTypeOf<ConvexClient>().toExtend<ConvexClientLike>();
    expectTypeOf(createSessionClient({} as ConvexClient, session).client).toEqualTypeOf<ConvexClient>();
  });

  test("calls take the arguments without sessionId, optional when nothing else is required", () => {
    const convex = createSessionClient({} as ConvexClient, session);
    expectTypeOf(convex.query(api.cart.list)).resolves.toEqualTypeOf<string[]>();
    expectTypeOf(convex.mutation(api.cart.add, { name: "socks" })).resolves.toEqualTypeOf<GenericId<"items">>();
    expectTypeOf(convex.action(api.cart.addMany, { names: ["socks"] })).resolves.toEqualTypeOf<string[]>();
    // @ts-expect-error the ID is injected, not passed
    void convex.query(api.cart.list, { sessionId });
    // @ts-expect-error `name` is required
    void convex.mutation(api.cart.add);
    // @ts-expect-error a function without a sessionId argument is not a session function
    void convex.query(api.cart.total);
  });

  test("onUpdate's callback gets the query's result type", () => {
    const convex = createSessionClient({} as ConvexClient, session);
    const stop = convex.onUpdate(api.cart.list, {}, (items) => expectTypeOf(items).toEqualTypeOf<string[]>());
    expectTypeOf(stop.getCurrentValue()).toEqualTypeOf<string[] | undefined>();
  });
});

describe("React hook types", () => {
  test("useSessionQuery takes the arguments without sessionId, or \"skip\"", () => {
    expectTypeOf(useSessionQuery(api.cart.list)).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(useSessionQuery(api.cart.list, "skip")).toEqualTypeOf<string[] | undefined>();
    // @ts-expect-error the ID is injected, not passed
    useSessionQuery(api.cart.list, { sessionId });
    // @ts-expect-error a function without a sessionId argument is not a session function
    useSessionQuery(api.cart.total);
  });

  test("useSessionMutation's function requires the other arguments and rejects sessionId", () => {
    const add = useSessionMutation(api.cart.add);
    expectTypeOf(add({ name: "socks" })).resolves.toEqualTypeOf<GenericId<"items">>();
    // @ts-expect-error `name` is required
    void add();
    // @ts-expect-error the ID is injected, not passed
    void add({ name: "socks", sessionId });
    expectTypeOf(add.withOptimisticUpdate)
      .parameter(0)
      .parameter(1)
      .toEqualTypeOf<{ sessionId: CoreSessionId; name: string }>();
  });

  test("useSessionAction's function keeps the action's types", () => {
    const addMany = useSessionAction(api.cart.addMany);
    expectTypeOf(addMany({ names: ["socks"] })).resolves.toEqualTypeOf<string[]>();
    // @ts-expect-error `names` is required
    void addMany();
  });

  test("useSessionPaginatedQuery takes a paginated session query and its other arguments", () => {
    const { results } = useSessionPaginatedQuery(api.cart.page, {}, { initialNumItems: 10 });
    expectTypeOf(results[0]!.name).toEqualTypeOf<string>();
    useSessionPaginatedQuery(api.cart.page, "skip", { initialNumItems: 10 });
    // @ts-expect-error the ID is injected, not passed
    useSessionPaginatedQuery(api.cart.page, { sessionId }, { initialNumItems: 10 });
    // @ts-expect-error not a paginated query
    useSessionPaginatedQuery(api.cart.list, {}, { initialNumItems: 10 });
  });
});
