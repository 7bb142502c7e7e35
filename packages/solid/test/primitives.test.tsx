import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import { cleanup, renderHook } from "@solidjs/testing-library";
import { createSignal, type Accessor, type JSX } from "solid-js";
import {
  createSession,
  SessionError,
  SessionProvider,
  useSession,
  useSessionArgs,
  useSessionFn,
  useSessionId,
  type Session,
  type SessionArgs,
  type SessionId,
  type SessionProviderProps,
  type StorageBackend,
} from "../src/index.ts";
import { countingSession } from "../../../test-shared/adapterScenarios.ts";

const sessions: Session[] = [];
const session = () => {
  const made = createSession();
  sessions.push(made);
  return made;
};
afterEach(() => {
  sessions.splice(0).forEach((made) => made.dispose());
  sessionStorage.clear();
});

const within = (value: Session) => (props: { children: JSX.Element }) => (
  <SessionProvider session={value}>{props.children}</SessionProvider>
);

describe("primitives outside a provider", () => {
  it.each<[string, () => unknown]>([
    ["useSession", () => useSession()],
    ["useSessionId", () => useSessionId()],
    ["useSessionArgs", () => useSessionArgs(() => ({}))],
    ["useSessionFn", () => useSessionFn(() => {})],
  ])("%s throws a no-provider SessionError that names it and says to add <SessionProvider>", (name, primitive) => {
    const thrown = (() => {
      try {
        renderHook(primitive);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(SessionError);
    expect(thrown).toMatchObject({
      code: "no-provider",
      message: `${name}() found no session: add <SessionProvider> above this component.`,
    });
  });
});

describe("useSession", () => {
  it("returns the session of the nearest provider", () => {
    const value = session();
    const { result } = renderHook(useSession, { wrapper: within(value) });
    expect(result).toBe(value);
  });
});

describe("useSessionId", () => {
  it("disposing the owner unsubscribes: the listener count returns to 0", () => {
    const counting = countingSession(session());
    renderHook(useSessionId, { wrapper: within(counting.session) });
    expect(counting.live()).toBe(1);
    cleanup();
    expect(counting.live()).toBe(0);
  });

  it("its refresh is the session's own, and the accessor follows it", async () => {
    const value = session();
    const { result } = renderHook(useSessionId, { wrapper: within(value) });
    const [sessionId, refresh] = result;
    const next = await refresh();
    expect(sessionId()).toBe(next);
    expect(value.get()).toBe(next);
  });
});

describe("useSessionArgs", () => {
  it("follows its args accessor, including a switch to and from \"skip\"", () => {
    const value = session();
    const [args, setArgs] = createSignal<{ page: number } | "skip">({ page: 1 });
    const { result } = renderHook(() => useSessionArgs(args), { wrapper: within(value) });
    expect(result()).toEqual({ page: 1, sessionId: value.get() });
    setArgs("skip");
    expect(result()).toBe("skip");
    setArgs({ page: 2 });
    expect(result()).toEqual({ page: 2, sessionId: value.get() });
  });
});

describe("types", () => {
  it("useSessionId gives an accessor of SessionId | undefined and the session's refresh", () => {
    expectTypeOf(useSessionId).returns.toEqualTypeOf<
      [sessionId: Accessor<SessionId | undefined>, refresh: Session["refresh"]]
    >();
  });

  it("useSessionArgs takes an accessor and gives an accessor of the args with sessionId, or \"skip\"", () => {
    expectTypeOf(useSessionArgs<{ page: number }>).parameter(0).toEqualTypeOf<Accessor<{ page: number } | "skip">>();
    expectTypeOf(useSessionArgs<{ page: number }>).returns.toEqualTypeOf<Accessor<SessionArgs<{ page: number }>>>();
  });

  it("useSessionFn's function takes the args without sessionId and returns a promise of the result", () => {
    expectTypeOf(useSessionFn<{ item: string; sessionId: SessionId }, number>).returns.toEqualTypeOf<
      (args: { item: string }) => Promise<number>
    >();
    // API clients typed with a plain string ID are accepted too, as in every adapter.
    expectTypeOf(useSessionFn<{ item: string; sessionId: string }, number>).returns.toEqualTypeOf<
      (args: { item: string }) => Promise<number>
    >();
  });

  it("SessionProvider takes a session or createSession options, not both", () => {
    expectTypeOf<{ session: Session }>().toExtend<SessionProviderProps>();
    expectTypeOf<{ storage: StorageBackend; key: string }>().toExtend<SessionProviderProps>();
    expectTypeOf<{ session: Session; key: string }>().not.toExtend<SessionProviderProps>();
  });
});
