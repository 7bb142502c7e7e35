import "fake-indexeddb/auto";
import { describe, expect, expectTypeOf, it, vi } from "vitest";
import { sessionArgs, sessionFetch, withSessionId, type SessionId } from "../src/index.ts";
import { indexedDBBackend } from "../src/indexedDBBackend.ts";
import { track } from "./helpers.ts";

describe("sessionArgs", () => {
  it("adds the ID, or says skip while it is unknown or when args is skip", () => {
    const id = "V1StGXR8_Z5jdHi6B-myT" as SessionId;
    expect(sessionArgs({ page: 2 }, id)).toEqual({ page: 2, sessionId: id });
    expect(sessionArgs({ page: 2 }, undefined)).toBe("skip");
    expect(sessionArgs("skip", id)).toBe("skip");
    expectTypeOf(sessionArgs({ page: 2 }, id)).toEqualTypeOf<({ page: number } & { sessionId: SessionId }) | "skip">();
  });
});

describe("withSessionId", () => {
  it("calls fn with the args and the ID current at call time", async () => {
    const { session } = track();
    const fn = vi.fn((args: { item: string; sessionId: SessionId }) => args);
    const add = withSessionId(session, fn);
    await expect(add({ item: "socks" })).resolves.toEqual({ item: "socks", sessionId: session.get() });
    const next = await session.refresh();
    await expect(add({ item: "hat" })).resolves.toEqual({ item: "hat", sessionId: next });
  });

  it("waits for the ID when an async backend has not loaded yet", async () => {
    const { session } = track({ storage: indexedDBBackend({ dbName: "inject-test" }) });
    const fn = vi.fn((args: { sessionId: SessionId }) => args.sessionId);
    const call = withSessionId(session, fn)();
    expect(session.get()).toBeUndefined();
    await expect(call).resolves.toBe(await session.ready());
  });

  it("passes a rejection of fn to the caller", async () => {
    const { session } = track();
    const failing = withSessionId(session, async (_args: { sessionId: SessionId }) => {
      throw new Error("backend said no");
    });
    await expect(failing()).rejects.toThrow("backend said no");
  });

  it("types: sessionId is left out of the arguments, and args are optional only when nothing else is required", () => {
    const { session } = track();
    const required = withSessionId(session, (args: { sessionId: SessionId; item: string }) => args.item.length);
    expectTypeOf(required).parameters.toEqualTypeOf<[args: { item: string }]>();
    expectTypeOf(required).returns.toEqualTypeOf<Promise<number>>();
    const none = withSessionId(session, (args: { sessionId: SessionId }) => args);
    expectTypeOf(none).parameters.toEqualTypeOf<[args?: Record<string, never>]>();
    // @ts-expect-error the ID is the session's to add, not the caller's
    void none({ sessionId: "forged-by-the-caller-01" });
    const optional = withSessionId(session, (args: { sessionId: SessionId; page?: number }) => args.page);
    expectTypeOf(optional).parameters.toEqualTypeOf<[args?: { page?: number }]>();
    // Functions typed with a plain string ID (as most API clients are) are accepted too.
    const plain = withSessionId(session, (args: { sessionId: string; item: string }) => args.item);
    expectTypeOf(plain).parameters.toEqualTypeOf<[args: { item: string }]>();
  });
});

describe("sessionFetch", () => {
  it("adds the X-Session-Id header and keeps the caller's headers", async () => {
    const { session } = track();
    const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response("ok"));
    const api = sessionFetch(session, { fetch });
    await api("/api/cart", { method: "POST", headers: { "Content-Type": "application/json" } });
    const headers = new Headers(fetch.mock.calls[0]![1]!.headers);
    expect(headers.get("X-Session-Id")).toBe(session.get());
    expect(headers.get("Content-Type")).toBe("application/json");
    expect(fetch.mock.calls[0]![1]!.method).toBe("POST");
  });

  it("takes a custom header name and keeps a Request's own headers", async () => {
    const { session } = track();
    const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response("ok"));
    await sessionFetch(session, { header: "X-Cart-Session", fetch })(
      new Request("http://localhost/api", { headers: { Accept: "text/plain" } }),
    );
    const headers = new Headers(fetch.mock.calls[0]![1]!.headers);
    expect(headers.get("X-Cart-Session")).toBe(session.get());
    expect(headers.get("Accept")).toBe("text/plain");
  });

  it("keeps a Request's referrer and referrerPolicy, which an init passed beside it would reset", async () => {
    const { session } = track();
    let sent: Request | undefined;
    const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => ((sent = new Request(input, init)), new Response("ok")));
    await sessionFetch(session, { fetch })(new Request("http://localhost/api", { referrerPolicy: "no-referrer" }));
    expect(sent!.headers.get("X-Session-Id")).toBe(session.get());
    expect(sent!.referrerPolicy).toBe("no-referrer");
    // What the app's own init says still wins.
    await sessionFetch(session, { fetch })(new Request("http://localhost/api", { referrerPolicy: "no-referrer" }), { referrerPolicy: "origin" });
    expect(sent!.referrerPolicy).toBe("origin");
  });

  it("rejects a no-cors request with invalid-argument, sending nothing: the browser would drop the header without a word", async () => {
    const { session } = track();
    const fetch = vi.fn(async () => new Response("ok"));
    const api = sessionFetch(session, { fetch });
    await expect(api("http://localhost/api", { mode: "no-cors" })).rejects.toMatchObject({ name: "SessionError", code: "invalid-argument" });
    await expect(api(new Request("http://localhost/api", { mode: "no-cors" }))).rejects.toMatchObject({ code: "invalid-argument" });
    expect(fetch).not.toHaveBeenCalled();
    // A Request's no-cors overridden by the init is fine.
    await api(new Request("http://localhost/api", { mode: "no-cors" }), { mode: "cors" });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("uses the global fetch at call time by default", async () => {
    const { session } = track();
    const fetch = vi.fn(async () => new Response("ok"));
    const api = sessionFetch(session);
    vi.stubGlobal("fetch", fetch);
    await api("/api/cart");
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
