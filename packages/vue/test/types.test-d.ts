import { describe, expectTypeOf, it } from "vitest";
import { computed, ref, type ComputedRef, type Plugin, type Ref } from "vue";
import {
  createSession,
  provideSession,
  sessionPlugin,
  useSession,
  useSessionArgs,
  useSessionFn,
  useSessionId,
  type Session,
  type SessionArgs,
  type SessionId,
  type SessionOptions,
} from "../src/index.ts";

describe("vue: types", () => {
  it("sessionPlugin and provideSession take options, a Session or nothing", () => {
    expectTypeOf(sessionPlugin).parameter(0).toEqualTypeOf<SessionOptions | Session | undefined>();
    expectTypeOf(sessionPlugin(createSession())).toEqualTypeOf<Plugin>();
    expectTypeOf(provideSession).parameter(0).toEqualTypeOf<SessionOptions | Session | undefined>();
    expectTypeOf(provideSession).returns.toEqualTypeOf<Session>();
    // @ts-expect-error: storage takes a backend value; the "session" / "local" / "memory" strings are gone
    sessionPlugin({ storage: "local" });
    // @ts-expect-error: not a storage option
    sessionPlugin({ storage: "cookies" });
  });

  it("useSession returns the Session and useSessionId a read-only ref with refresh", () => {
    expectTypeOf(useSession).returns.toEqualTypeOf<Session>();
    expectTypeOf(useSessionId).returns.toEqualTypeOf<{ sessionId: Readonly<Ref<SessionId | undefined>>; refresh: Session["refresh"] }>();
  });

  it("useSessionArgs takes a plain object, a ref, a getter or a computed, each possibly \"skip\"", () => {
    type Expected = ComputedRef<SessionArgs<{ page: number }>>;
    expectTypeOf(useSessionArgs({ page: 1 })).toEqualTypeOf<Expected>();
    expectTypeOf(useSessionArgs(ref({ page: 1 }))).toEqualTypeOf<Expected>();
    expectTypeOf(useSessionArgs(() => ({ page: 1 }))).toEqualTypeOf<Expected>();
    expectTypeOf(useSessionArgs(() => (Math.random() > 0.5 ? { page: 1 } : "skip"))).toEqualTypeOf<Expected>();
    expectTypeOf(useSessionArgs(computed((): { page: number } | "skip" => "skip"))).toEqualTypeOf<Expected>();
    expectTypeOf(useSessionArgs<{ page: number }>("skip")).toEqualTypeOf<Expected>();
    // @ts-expect-error: args must be an object
    useSessionArgs(1);
  });

  it("useSessionFn's function takes the arguments without sessionId and resolves to fn's result", () => {
    const send = useSessionFn((args: { item: string; sessionId: SessionId }) => Promise.resolve(args.item.length));
    expectTypeOf(send).parameters.toEqualTypeOf<[args: { item: string }]>();
    expectTypeOf(send).returns.toEqualTypeOf<Promise<number>>();
    // @ts-expect-error: item is required
    send({});
    // @ts-expect-error: the ID is added by useSessionFn, not passed in
    send({ item: "socks", sessionId: "x" as SessionId });
    // API clients typed with a plain string ID are accepted too, as in every adapter.
    const post = useSessionFn((args: { item: string; sessionId: string }) => args.item);
    expectTypeOf(post).parameters.toEqualTypeOf<[args: { item: string }]>();
    const ping = useSessionFn((args: { sessionId: SessionId }) => args.sessionId);
    expectTypeOf(ping).parameters.toEqualTypeOf<[args?: Record<string, never>]>();
    expectTypeOf(ping()).toEqualTypeOf<Promise<SessionId>>();
  });
});
