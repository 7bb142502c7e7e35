import { createSession, memoryBackend, type Session, type SessionId, type StorageBackend } from "@sessionid/core";
import { createSessionClient } from "@sessionid/convex/browser";
import { sessionLifetime } from "@sessionid/core/lifetime";
import { ConvexError } from "convex/values";
import { afterEach, describe, expect, test, vi } from "vitest";
import { api } from "./convex/_generated/api.ts";
import { createBackend, type Backend } from "./convexTest.ts";
import { createTestClient } from "./createTestClient.ts";

const sessions: Session[] = [];
afterEach(() => sessions.splice(0).forEach((session) => session.dispose()));

function setup(storage: StorageBackend = memoryBackend()) {
  const t = createBackend();
  const client = createTestClient(t);
  const session = createSession({ storage });
  sessions.push(session);
  return { t, client, session, convex: createSessionClient(client, session) };
}

const sessionIdsStored = (t: Backend) =>
  t.run(async (ctx) => (await ctx.db.query("items").collect()).map((item) => item.sessionId));

/** A storage backend that holds `stored` but answers only when `load()` is called. */
function slowBackend(stored: string) {
  let load!: () => void;
  const loaded = new Promise<string>((resolve) => (load = () => resolve(stored)));
  const backend: StorageBackend = { get: () => loaded, set() {}, remove() {} };
  return { backend, load };
}
const storedId = "Stored_session_id_0001";

describe("createSessionClient: calls", () => {
  test("a mutation reaches the function with the session's ID", async () => {
    const { t, session, convex } = setup();
    await convex.mutation(api.cart.add, { name: "socks" });
    expect(await sessionIdsStored(t)).toEqual([session.get()]);
  });

  test("a query runs with the session's ID and needs no other arguments", async () => {
    const { t, session, convex } = setup();
    await t.mutation(api.cart.add, { sessionId: session.get()!, name: "socks" });
    expect(await convex.query(api.cart.list)).toEqual(["socks"]);
  });

  test("an action runs with the session's ID, and passes it on through runSessionFunctions", async () => {
    const { t, session, convex } = setup();
    expect(await convex.action(api.cart.addMany, { names: ["socks", "hat"] })).toEqual(["socks", "hat"]);
    expect(await sessionIdsStored(t)).toEqual([session.get(), session.get()]);
  });

  test("a mutation called before an async backend has loaded waits and carries the loaded ID", async () => {
    const { backend, load } = slowBackend(storedId);
    const { t, client, convex } = setup(backend);
    const added = convex.mutation(api.cart.add, { name: "socks" });
    expect(client.calls).toEqual([]);
    load();
    await added;
    expect(await sessionIdsStored(t)).toEqual([storedId]);
  });
});

describe("createSessionClient: subscriptions", () => {
  test("onUpdate delivers the current session's result and re-delivers after a mutation", async () => {
    const { client, convex } = setup();
    const results: string[][] = [];
    convex.onUpdate(api.cart.list, {}, (items) => results.push(items));
    await client.idle();
    await convex.mutation(api.cart.add, { name: "socks" });
    await client.idle();
    expect(results).toEqual([[], ["socks"]]);
  });

  test("a subscription without onError leaves its errors to the client (ConvexClient makes them an unhandled rejection), never swallows them", async () => {
    const { client, convex } = setup();
    convex.onUpdate(api.cart.list, {}, () => {});
    expect(client.errorHandlers()).toEqual([undefined]);
  });

  test("a rotation re-subscribes with the new ID and drops the subscription on the old one", async () => {
    const { client, session, convex } = setup();
    const previous = session.get();
    convex.onUpdate(api.cart.list, {}, () => {});
    const next = await session.refresh();
    expect(next).not.toBe(previous);
    expect(client.active()).toEqual([{ name: "cart:list", args: { sessionId: next } }]);
  });

  test("after a rotation, writes to the old session no longer reach the callback", async () => {
    const { client, session, convex } = setup();
    const results: string[][] = [];
    convex.onUpdate(api.cart.list, {}, (items) => results.push(items));
    await convex.mutation(api.cart.add, { name: "socks" });
    await client.idle();
    const previous = session.get()!;
    await session.refresh();
    await client.idle();
    await client.mutation(api.cart.add, { sessionId: previous, name: "hat" });
    await client.idle();
    expect(results).toEqual([[], ["socks"], []]);
  });

  test("data moved to the new ID inside refresh's callback shows in the subscription (the log-in pattern)", async () => {
    const { t, client, session, convex } = setup();
    const results: string[][] = [];
    convex.onUpdate(api.cart.list, {}, (items) => results.push(items));
    await convex.mutation(api.cart.add, { name: "socks" });
    const previous = session.get()!;
    // Inside the callback the new ID is not committed yet: calls still carry the old one.
    const next = await session.refresh((newSessionId) => convex.mutation(api.cart.transfer, { newSessionId }));
    await client.idle();
    expect(results.at(-1)).toEqual(["socks"]);
    expect(client.active()).toEqual([{ name: "cart:list", args: { sessionId: next } }]);
    expect(await t.query(api.cart.list, { sessionId: previous })).toEqual([]);
  });

  test("a refresh whose callback throws leaves the subscription on the old ID", async () => {
    const { client, session, convex } = setup();
    convex.onUpdate(api.cart.list, {}, () => {});
    const previous = session.get();
    await expect(session.refresh(() => Promise.reject(new Error("log-in failed")))).rejects.toThrow("log-in failed");
    expect(client.active()).toEqual([{ name: "cart:list", args: { sessionId: previous } }]);
  });

  test("onUpdate made before an async backend has loaded subscribes once the ID is known", async () => {
    const { backend, load } = slowBackend(storedId);
    const { client, session, convex } = setup(backend);
    convex.onUpdate(api.cart.list, {}, () => {});
    expect(client.active()).toEqual([]);
    load();
    await session.ready();
    expect(client.active()).toEqual([{ name: "cart:list", args: { sessionId: storedId } }]);
  });

  test("getCurrentValue answers the last result delivered", async () => {
    const { client, convex } = setup();
    const subscription = convex.onUpdate(api.cart.list, {}, () => {});
    await convex.mutation(api.cart.add, { name: "socks" });
    await client.idle();
    expect(subscription.getCurrentValue()).toEqual(["socks"]);
  });

  test("an unsubscribed subscription does not follow later rotations", async () => {
    const { client, session, convex } = setup();
    const unsubscribe = convex.onUpdate(api.cart.list, {}, () => {});
    unsubscribe();
    await session.refresh();
    expect(client.active()).toEqual([]);
  });

  test("close stops every subscription and closes the wrapped client", async () => {
    const { client, session, convex } = setup();
    convex.onUpdate(api.cart.list, {}, () => {});
    convex.onUpdate(api.cart.list, {}, () => {});
    await convex.close();
    await session.refresh();
    expect(client.active()).toEqual([]);
    expect(client.isClosed()).toBe(true);
  });
});


describe("createSessionClient: sessions the server ended", () => {
  const ended = (error: unknown) => error instanceof ConvexError && (error.data as { code?: string })?.code == "SESSION_ENDED";
  const withLifetime = () => {
    const t = createBackend();
    const client = createTestClient(t);
    const session = createSession({ storage: memoryBackend(), lifetime: sessionLifetime() });
    sessions.push(session);
    return { t, client, session, convex: createSessionClient(client, session, { ended }) };
  };

  test("a call the server refuses because the session ended rejects with session-ended; the session moves on and the next call works", async () => {
    const { t, session, convex } = withLifetime();
    const first = await session.ready();
    await convex.mutation(api.cart.add, { name: "socks" });
    await t.mutation(api.cart.end, { sessionId: first });
    await expect(convex.mutation(api.cart.add, { name: "hat" })).rejects.toMatchObject({ name: "SessionError", code: "session-ended" });
    const next = session.get();
    expect(next).not.toBe(first);
    await convex.mutation(api.cart.add, { name: "hat" });
    expect(await sessionIdsStored(t)).toEqual([first, next]);
  });

  test("a subscription whose session ended hears session-ended, and follows the session to its new ID", async () => {
    const { t, client, session, convex } = withLifetime();
    const first = await session.ready();
    const results: unknown[] = [];
    const errors: unknown[] = [];
    convex.onUpdate(api.cart.list, {}, (items) => results.push(items), (error) => errors.push(error));
    await vi.waitFor(() => expect(results).toEqual([[]]));
    await t.mutation(api.cart.end, { sessionId: first });
    // The test client re-runs subscriptions after each call: one of another session's will do.
    await client.mutation(api.cart.add, { sessionId: "Another_session_id_0001" as SessionId, name: "x" });
    await vi.waitFor(() => expect(errors).toEqual([expect.objectContaining({ code: "session-ended" })]));
    expect(session.get()).not.toBe(first);
  });

  test("with ended but without onError, a subscription's errors still make noise (a rejection, as ConvexClient's own), session-ended too", async () => {
    const { t, client, session, convex } = withLifetime();
    const first = await session.ready();
    convex.onUpdate(api.cart.list, {}, () => {});
    const [handler] = client.errorHandlers();
    const other = new Error("the query failed");
    await expect(handler!(other)).rejects.toBe(other);
    await t.mutation(api.cart.end, { sessionId: first });
    const refused = await t.query(api.cart.list, { sessionId: first }).catch((error: Error) => error);
    expect(ended(refused)).toBe(true);
    await expect(handler!(refused as Error)).rejects.toMatchObject({ name: "SessionError", code: "session-ended" });
  });
});
