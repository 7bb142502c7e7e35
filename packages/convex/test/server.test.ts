import { generateSessionId, type SessionId } from "@sessionid/core";
import { describe, expect, test } from "vitest";
import { api } from "./convex/_generated/api.ts";
import { createBackend } from "./convexTest.ts";

const id = () => generateSessionId() as SessionId;

describe("server functions", () => {
  test("a query spread with SessionIdArg sees only its own session's rows", async () => {
    const t = createBackend();
    const [mine, theirs] = [id(), id()];
    await t.mutation(api.cart.add, { sessionId: mine, name: "socks" });
    await t.mutation(api.cart.add, { sessionId: theirs, name: "hat" });
    expect(await t.query(api.cart.list, { sessionId: mine })).toEqual(["socks"]);
  });

  test("isSessionId lets a mutation reject a string that is not a session ID", async () => {
    const t = createBackend();
    await expect(t.mutation(api.cart.add, { sessionId: "x" as SessionId, name: "socks" })).rejects.toThrow(
      /not a session ID/,
    );
  });

  test("runSessionFunctions passes the action's session ID to the query, mutation and action it runs", async () => {
    const t = createBackend();
    const sessionId = id();
    expect(await t.action(api.cart.addMany, { sessionId, names: ["socks", "hat"] })).toEqual(["socks", "hat"]);
    expect(await t.query(api.cart.list, { sessionId: id() })).toEqual([]);
  });
});
