import { createSession, memoryBackend, type Session, type SessionOptions, type StorageBackend } from "@sessionid/core";
import { sessionLifetime } from "@sessionid/core/lifetime";
import {
  SessionProvider,
  useSessionAction,
  useSessionId,
  useSessionMutation,
  useSessionPaginatedQuery,
  useSessionQuery,
} from "@sessionid/convex/react";
import { act, cleanup, renderHook } from "@testing-library/react";
import { ConvexProvider } from "convex/react";
import { ConvexError } from "convex/values";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, test } from "vitest";
import { api } from "./convex/_generated/api.ts";
import { createBackend, type Backend } from "./convexTest.ts";
import { createTestReactClient } from "./createTestReactClient.ts";

const sessions: Session[] = [];
afterEach(() => {
  cleanup();
  sessions.splice(0).forEach((session) => session.dispose());
});

/** Renders `hook` under `<ConvexProvider>` (a convex-test client) and `<SessionProvider>`. */
function setup<Result>(hook: () => Result, storage: StorageBackend = memoryBackend(), options: SessionOptions = {}) {
  const t = createBackend();
  const client = createTestReactClient(t);
  const session = createSession({ ...options, storage });
  sessions.push(session);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ConvexProvider client={client}>
      <SessionProvider session={session}>{children}</SessionProvider>
    </ConvexProvider>
  );
  const { result } = renderHook(hook, { wrapper });
  return { t, client, session, result, settle: () => act(() => client.idle()) };
}

const sessionIdsStored = (t: Backend) =>
  t.run(async (ctx) => (await ctx.db.query("items").collect()).map((item) => item.sessionId));

function slowBackend(stored: string) {
  let load!: () => void;
  const loaded = new Promise<string>((resolve) => (load = () => resolve(stored)));
  const backend: StorageBackend = { get: () => loaded, set() {}, remove() {} };
  return { backend, load };
}
const storedId = "Stored_session_id_0001";

describe("useSessionQuery", () => {
  test("runs the query with the session's ID and returns its result", async () => {
    const { client, session, result, settle } = setup(() => useSessionQuery(api.cart.list));
    await act(() => client.mutation(api.cart.add, { sessionId: session.get()!, name: "socks" }));
    await settle();
    expect(result.current).toEqual(["socks"]);
  });

  test('runs nothing when given "skip"', async () => {
    const { client, result, settle } = setup(() => useSessionQuery(api.cart.list, "skip"));
    await settle();
    expect(client.active()).toEqual([]);
    expect(result.current).toBeUndefined();
  });

  test("skips while an async backend loads, then runs with the loaded ID", async () => {
    const { backend, load } = slowBackend(storedId);
    const { client, session, settle } = setup(() => useSessionQuery(api.cart.list), backend);
    expect(client.active()).toEqual([]);
    await act(async () => (load(), await session.ready()));
    await settle();
    expect(client.active()).toEqual([{ name: "cart:list", args: { sessionId: storedId } }]);
  });

  test("a server render, where no ID is known, skips the query and renders the loading state", () => {
    const client = createTestReactClient(createBackend());
    const session = createSession({ server: true });
    function Items() {
      const items = useSessionQuery(api.cart.list);
      return <p>{items ? items.join(", ") : "Loading"}</p>;
    }
    const html = renderToString(
      <ConvexProvider client={client}>
        <SessionProvider session={session}>
          <Items />
        </SessionProvider>
      </ConvexProvider>,
    );
    expect(html).toBe("<p>Loading</p>");
    expect(client.watched).toEqual([]);
  });

  test("a rotation re-runs the query with the new ID and drops the old one", async () => {
    const { client, session, settle } = setup(() => useSessionQuery(api.cart.list));
    await settle();
    const next = await act(() => session.refresh());
    await settle();
    expect(client.active()).toEqual([{ name: "cart:list", args: { sessionId: next } }]);
  });
});

describe("useSessionMutation", () => {
  test("sends the session's ID, and the session query shows the change", async () => {
    const { t, session, result, settle } = setup(() => ({
      items: useSessionQuery(api.cart.list),
      add: useSessionMutation(api.cart.add),
    }));
    await act(() => result.current.add({ name: "socks" }));
    await settle();
    expect(result.current.items).toEqual(["socks"]);
    expect(await sessionIdsStored(t)).toEqual([session.get()]);
  });

  test("called before an async backend has loaded, waits and sends the loaded ID", async () => {
    const { backend, load } = slowBackend(storedId);
    const { t, client, result } = setup(() => useSessionMutation(api.cart.add), backend);
    const added = result.current({ name: "socks" });
    expect(client.calls).toEqual([]);
    load();
    await act(() => added);
    expect(await sessionIdsStored(t)).toEqual([storedId]);
  });

  test("keeps its identity across a rotation and sends the new ID after it", async () => {
    const { t, session, result } = setup(() => useSessionMutation(api.cart.add));
    const before = result.current;
    const next = await act(() => session.refresh());
    expect(result.current).toBe(before);
    await act(() => result.current({ name: "socks" }));
    expect(await sessionIdsStored(t)).toEqual([next]);
  });

  test("withOptimisticUpdate hands the update to the client and still sends the ID", async () => {
    const { client, session, result } = setup(() => useSessionMutation(api.cart.add));
    const update = () => {};
    await act(() => result.current.withOptimisticUpdate(update)({ name: "socks" }));
    expect(client.calls).toEqual([
      { kind: "mutation", name: "cart:add", args: { name: "socks", sessionId: session.get() }, options: { optimisticUpdate: update } },
    ]);
  });

  test("moving data to the new ID inside refresh's callback carries it over (the log-in pattern)", async () => {
    const { t, result, settle } = setup(() => {
      const [sessionId, refresh] = useSessionId();
      return {
        sessionId,
        refresh,
        items: useSessionQuery(api.cart.list),
        add: useSessionMutation(api.cart.add),
        transfer: useSessionMutation(api.cart.transfer),
      };
    });
    await act(() => result.current.add({ name: "socks" }));
    const previous = result.current.sessionId!;
    await act(() => result.current.refresh((newSessionId) => result.current.transfer({ newSessionId })));
    await settle();
    expect(result.current.sessionId).not.toBe(previous);
    expect(result.current.items).toEqual(["socks"]);
    expect(await t.query(api.cart.list, { sessionId: previous })).toEqual([]);
  });
});

describe("useSessionAction", () => {
  test("sends the session's ID, which the action passes on through runSessionFunctions", async () => {
    const { t, session, result } = setup(() => useSessionAction(api.cart.addMany));
    expect(await act(() => result.current({ names: ["socks", "hat"] }))).toEqual(["socks", "hat"]);
    expect(await sessionIdsStored(t)).toEqual([session.get(), session.get()]);
  });
});

describe("useSessionPaginatedQuery", () => {
  test("loads the first page of the session's items", async () => {
    const { client, session, result, settle } = setup(() =>
      useSessionPaginatedQuery(api.cart.page, {}, { initialNumItems: 2 }),
    );
    for (const name of ["socks", "hat", "scarf"])
      await act(() => client.mutation(api.cart.add, { sessionId: session.get()!, name }));
    await settle();
    expect(result.current.results.map((item) => item.name)).toEqual(["socks", "hat"]);
    expect(result.current.status).toBe("CanLoadMore");
  });

  test('runs nothing when given "skip"', async () => {
    const { client, result, settle } = setup(() =>
      useSessionPaginatedQuery(api.cart.page, "skip", { initialNumItems: 2 }),
    );
    await settle();
    expect(client.active()).toEqual([]);
    expect(result.current.results).toEqual([]);
  });
});

describe("sessions the server ended (the ended option, with a session lifetime)", () => {
  const ended = (error: unknown) => error instanceof ConvexError && (error.data as { code?: string })?.code == "SESSION_ENDED";
  const withLifetime = { lifetime: sessionLifetime() };

  test("useSessionMutation: a call the server refuses rejects with session-ended, the session moves on, the same function works with the new ID", async () => {
    const { t, session, result } = setup(() => useSessionMutation(api.cart.add, { ended }), memoryBackend(), withLifetime);
    const first = await session.ready();
    const add = result.current;
    await act(() => add({ name: "socks" }));
    await t.mutation(api.cart.end, { sessionId: first });
    await expect(act(() => add({ name: "hat" }))).rejects.toMatchObject({ name: "SessionError", code: "session-ended" });
    const next = session.get();
    expect(next).not.toBe(first);
    expect(result.current).toBe(add);
    await act(() => add({ name: "hat" }));
    expect(await sessionIdsStored(t)).toEqual([first, next]);
  });

  test("useSessionAction: an action whose mutation the server refuses rejects with session-ended, and the session moves on", async () => {
    const { t, session, result } = setup(() => useSessionAction(api.cart.addMany, { ended }), memoryBackend(), withLifetime);
    const first = await session.ready();
    await t.mutation(api.cart.end, { sessionId: first });
    await expect(act(() => result.current({ names: ["socks"] }))).rejects.toMatchObject({ code: "session-ended" });
    expect(session.get()).not.toBe(first);
    expect(await act(() => result.current({ names: ["hat"] }))).toEqual(["hat"]);
  });

  test("without ended an error passes through as it is, and the session stays", async () => {
    const { t, session, result } = setup(() => useSessionMutation(api.cart.add), memoryBackend(), withLifetime);
    const first = await session.ready();
    await t.mutation(api.cart.end, { sessionId: first });
    await expect(act(() => result.current({ name: "hat" }))).rejects.toBeInstanceOf(ConvexError);
    expect(session.get()).toBe(first);
  });
});
