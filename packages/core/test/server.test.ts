import { memoryBackend } from "../src/index.ts";
// @vitest-environment node
import { describe, expect, it, vi } from "vitest";

describe("on the server (no window)", () => {
  it("imports and creates a session without touching browser storage or throwing", async () => {
    expect(typeof window).toBe("undefined");
    const { createSession } = await import("../src/index.ts");
    const generateId = vi.fn(() => "never-on-the-server-01");
    const session = createSession({ generateId });
    expect(session.get()).toBeUndefined();
    expect(session.getInitial()).toBeUndefined();
    expect(generateId).not.toHaveBeenCalled();
    await expect(session.ready()).rejects.toMatchObject({ code: "server" });
    await expect(session.refresh()).rejects.toMatchObject({ code: "server" });
    session.dispose();
  });

  it("counts edge runtimes that name WorkerGlobalScope (Cloudflare Workers) as servers; only a browser worker (importScripts) is not", async () => {
    const { createSession } = await import("../src/index.ts");
    const scope = globalThis as { WorkerGlobalScope?: unknown; importScripts?: unknown };
    scope.WorkerGlobalScope = class WorkerGlobalScope {};
    try {
      const generateId = vi.fn(() => "never-on-the-server-01");
      const session = createSession({ storage: memoryBackend(), generateId });
      expect(session.get()).toBeUndefined();
      await expect(session.ready()).rejects.toMatchObject({ code: "server" });
      expect(generateId).not.toHaveBeenCalled();
      scope.importScripts = () => {};
      expect(createSession({ storage: memoryBackend(), generateId }).get()).toBe("never-on-the-server-01");
    } finally {
      delete scope.WorkerGlobalScope;
      delete scope.importScripts;
    }
  });

  it("subscribe works where there is no addEventListener (React Native, a Node script) when told it is not a server", async () => {
    const { createSession, memoryBackend } = await import("../src/index.ts");
    expect(typeof addEventListener).toBe("undefined");
    const session = createSession({ server: false, storage: memoryBackend() });
    const heard: string[] = [];
    const stop = session.subscribe((id) => heard.push(id!));
    const next = await session.refresh();
    expect(heard).toEqual([next]);
    stop();
    session.dispose();
  });

  it("a session with a lifetime works where there is no addEventListener or document (React Native, a worker, a Node script)", async () => {
    const { createSession, memoryBackend, withSessionId } = await import("../src/index.ts");
    const { sessionLifetime } = await import("../src/sessionLifetime.ts");
    expect(typeof addEventListener).toBe("undefined");
    expect(typeof document).toBe("undefined");
    const errors: unknown[] = [];
    const session = createSession({ server: false, storage: memoryBackend(), lifetime: sessionLifetime({ idleTimeout: 60_000 }), onError: (error) => errors.push(error) });
    const heard: string[] = [];
    const stop = session.subscribe((id) => heard.push(id!));
    const call = withSessionId(session, async (args: { sessionId: string }) => args.sessionId);
    const first = await call();
    // A second call within the write interval: its write waits for a timer (and the page's hide).
    expect(await call()).toBe(first);
    const next = await session.refresh();
    expect(heard.at(-1)).toBe(next);
    stop();
    session.dispose();
    expect(errors).toEqual([]);
  });

  it("never generates or writes on the server, even when refresh() is called with an ID known", async () => {
    const { createSession, memoryBackend } = await import("../src/index.ts");
    const storage = memoryBackend();
    const session = createSession({ storage, initialId: "known-to-the-server-01" });
    await expect(session.refresh()).rejects.toMatchObject({ code: "server" });
    expect(session.get()).toBe("known-to-the-server-01");
    expect(storage.get("sessionid")).toBeUndefined();
  });

  it("returns initialId, as the browser's first render will", async () => {
    const { createSession } = await import("../src/index.ts");
    const session = createSession({ initialId: "known-to-the-server-01" });
    expect(session.get()).toBe("known-to-the-server-01");
    expect(session.getInitial()).toBe("known-to-the-server-01");
    await expect(session.ready()).resolves.toBe("known-to-the-server-01");
  });

  it("ignores an initialId that is not a valid ID", async () => {
    const { createSession } = await import("../src/index.ts");
    expect(createSession({ initialId: "<script>" }).get()).toBeUndefined();
  });

  it("shows the session cookie's ID when the app passes readSessionCookie(header) as initialId, per request", async () => {
    const { createSession } = await import("../src/index.ts");
    const { cookieBackend, readSessionCookie } = await import("../src/cookieBackend.ts");
    const render = (header: string | null) => createSession({ storage: cookieBackend(), initialId: readSessionCookie(header) }).get();
    expect(render("theme=dark; sessionid=request-one-id-000001.3")).toBe("request-one-id-000001");
    expect(render("sessionid=request-two-id-000002.1")).toBe("request-two-id-000002");
    expect(render("theme=dark")).toBeUndefined();
    expect(render(null)).toBeUndefined();
  });

  it("readSessionCookie reads only the session cookie, validated, under the key given", async () => {
    const { readSessionCookie } = await import("../src/cookieBackend.ts");
    expect(readSessionCookie("a=1; shop=shop-session-id-0001.a; sessionid=other-key-session-01", "shop")).toBe("shop-session-id-0001");
    expect(readSessionCookie("sessionid=<script>alert(1)</script>")).toBeNull();
    expect(readSessionCookie("sessionid=")).toBeNull();
    expect(readSessionCookie("")).toBeNull();
    expect(readSessionCookie(undefined)).toBeNull();
    // Two cookies of the name (set on two paths): the later generation.
    expect(readSessionCookie("sessionid=older-path-session-01.1; sessionid=newer-path-session-01.2")).toBe("newer-path-session-01");
    expect(readSessionCookie("sessionid=has%20percent%25-junk")).toBeNull();
    // A junk cookie of the name beside a valid one, either way round: the valid one.
    expect(readSessionCookie("sessionid=junk; sessionid=valid-path-session-01.1")).toBe("valid-path-session-01");
    expect(readSessionCookie("sessionid=valid-path-session-01.1; sessionid=junk")).toBe("valid-path-session-01");
    // A stray `%` that decodeURIComponent refuses: refused as a value, not thrown.
    expect(readSessionCookie("sessionid=stray-percent-sess%E0%A4%A")).toBeNull();
    expect(readSessionCookie("sessionid=stray-percent-sess%E0%A4%A; sessionid=valid-path-session-01.1")).toBe("valid-path-session-01");
  });

  it("readSessionCookie never hands over another cookie of the name: only the value cookieBackend writes (the ID and its generation)", async () => {
    const { readSessionCookie } = await import("../src/cookieBackend.ts");
    // Django's own session cookie is called "sessionid" too, HttpOnly, and its 32-character key
    // looks like an ID: passed on as initialId, the server's secret would reach the page.
    const django = "k3v9x0q2m8w7e5r4t6y1u0i9o8p7a6s5";
    expect(readSessionCookie(`sessionid=${django}`)).toBeNull();
    expect(readSessionCookie(`csrftoken=abc; sessionid=${django}`)).toBeNull();
    // Beside ours (another path), ours.
    expect(readSessionCookie(`sessionid=${django}; sessionid=valid-path-session-01.1`)).toBe("valid-path-session-01");
    // A generation cookieBackend never writes (leading zero, upper case): not ours either.
    expect(readSessionCookie("sessionid=valid-path-session-01.01")).toBeNull();
    expect(readSessionCookie("sessionid=valid-path-session-01.A")).toBeNull();
    expect(readSessionCookie("sessionid=valid-path-session-01.0")).toBe("valid-path-session-01");
  });

  it("shares nothing between requests at module level", async () => {
    const { createSession, memoryBackend } = await import("../src/index.ts");
    const first = createSession({ storage: memoryBackend(), initialId: "request-one-id-000001" });
    const second = createSession({ storage: memoryBackend() });
    expect(first.get()).toBe("request-one-id-000001");
    expect(second.get()).toBeUndefined();
  });

  it("never generates on the server, even with the memory backend", async () => {
    const { createSession } = await import("../src/index.ts");
    expect(createSession({ storage: memoryBackend() }).get()).toBeUndefined();
  });

  it("generates when told it is not a server (a worker or a Node script)", async () => {
    const { createSession, isSessionId } = await import("../src/index.ts");
    const errors: string[] = [];
    const session = createSession({ server: false, onError: (error) => errors.push(error.code) });
    expect(isSessionId(session.get())).toBe(true);
    // No sessionStorage in Node: it lives in memory, and says so.
    expect(errors).toEqual(["storage-unavailable"]);
    session.dispose();
  });
});

describe("readSessionCookie picks as the browser does", () => {
  it("two cookies of one generation: the greater ID, as cookieBackend().get and the session's order do", async () => {
    const { readSessionCookie } = await import("../src/cookieBackend.ts");
    expect(readSessionCookie("sessionid=bbbbbbbbbbbbbbbbbbbb.3; sessionid=aaaaaaaaaaaaaaaaaaaa.3")).toBe("bbbbbbbbbbbbbbbbbbbb");
    expect(readSessionCookie("sessionid=aaaaaaaaaaaaaaaaaaaa.3; sessionid=bbbbbbbbbbbbbbbbbbbb.3")).toBe("bbbbbbbbbbbbbbbbbbbb");
  });
});
