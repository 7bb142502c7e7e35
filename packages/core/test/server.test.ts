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

  it("reads the cookie from the Cookie header the app supplies, per request", async () => {
    const { createSession } = await import("../src/index.ts");
    const { cookieBackend } = await import("../src/cookieBackend.ts");
    const render = (header: string) =>
      createSession({ storage: cookieBackend({ cookieHeader: () => header }) }).get();
    expect(render("theme=dark; sessionid=request-one-id-000001")).toBe("request-one-id-000001");
    expect(render("sessionid=request-two-id-000002")).toBe("request-two-id-000002");
    expect(render("theme=dark")).toBeUndefined();
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
    expect(createSession({ storage: "memory" }).get()).toBeUndefined();
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
