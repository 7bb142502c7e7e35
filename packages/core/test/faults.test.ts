import { describe, expect, it, vi } from "vitest";
import { isSessionId, type StorageBackend, localStorageBackend } from "../src/index.ts";
import { errorText, idOf, track } from "./helpers.ts";

const throwing = (name: string) => () => {
  throw new DOMException("The operation is insecure.", name);
};

describe("storage faults never reach the app", () => {
  it("falls back to memory when reading sessionStorage itself throws SecurityError", () => {
    vi.spyOn(window, "sessionStorage", "get").mockImplementation(throwing("SecurityError"));
    const { session, codes, errors } = track();
    const id = session.get();
    expect(isSessionId(id)).toBe(true);
    expect(codes()).toEqual(["storage-unavailable"]);
    expect((errors[0]!.cause as DOMException).name).toBe("SecurityError");
    return session.refresh().then((next) => expect(session.get()).toBe(next));
  });

  it("falls back to memory when localStorage is undefined (worker-like)", () => {
    vi.spyOn(window, "localStorage", "get").mockReturnValue(undefined as never);
    const { session, codes } = track({ storage: localStorageBackend() });
    expect(isSessionId(session.get())).toBe(true);
    expect(codes()).toEqual(["storage-unavailable"]);
  });

  it("keeps the ID stable when setItem throws QuotaExceededError, and reports once", async () => {
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(throwing("QuotaExceededError"));
    const { session, codes } = track();
    const id = session.get();
    expect(isSessionId(id)).toBe(true);
    expect(session.get()).toBe(id);
    const next = await session.refresh();
    expect(session.get()).toBe(next);
    expect(codes()).toEqual(["storage-write"]);
  });

  it("keeps the ID when a write fails during refresh, and moves to memory", async () => {
    const { session, codes } = track();
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(throwing("QuotaExceededError"));
    const next = await session.refresh();
    expect(session.get()).toBe(next);
    expect(codes()).toEqual(["storage-write"]);
  });

  it.each([
    ["an empty string", ""],
    ['"undefined"', "undefined"],
    ['"null"', "null"],
    ["JSON", '{"user":"someone-else-000000"}'],
    ["a 5 MB string", "x".repeat(5 * 1024 * 1024)],
    ["another app's value", "dark-mode=true; lang=en"],
  ])("replaces %s stored under the key, and reports it without the value", (_name, stored) => {
    // A plain backend, since jsdom's sessionStorage quota is below 5 MB.
    const values = new Map([["sessionid", stored]]);
    const storage: StorageBackend = {
      get: (key) => values.get(key),
      set: (key, value) => void values.set(key, value),
      remove: (key) => void values.delete(key),
    };
    const { session, codes, errors } = track({ storage });
    expect(isSessionId(session.get())).toBe(true);
    expect(idOf(values.get("sessionid"))).toBe(session.get());
    expect(codes()).toEqual(["invalid-stored-value"]);
    if (stored) expect(errorText(errors)).not.toContain(stored.slice(0, 20));
  });

  it("survives an async backend that rejects every call", async () => {
    const backend: StorageBackend = {
      get: () => Promise.reject(new Error("disk on fire")),
      set: () => Promise.reject(new Error("disk on fire")),
      remove: () => Promise.reject(new Error("disk on fire")),
    };
    const { session, codes } = track({ storage: backend });
    const id = await session.ready();
    expect(session.get()).toBe(id);
    await session.refresh();
    expect(codes()).toEqual(["storage-unavailable"]);
  });

  it("reports a subscriber that throws, and still tells the others", async () => {
    const { session, codes } = track();
    const other = vi.fn();
    session.subscribe(() => {
      throw new Error("bad listener");
    });
    session.subscribe(other);
    await session.refresh();
    expect(other).toHaveBeenCalledTimes(1);
    expect(codes()).toEqual(["listener"]);
  });

  it("never puts a session ID in an error message, stack or cause", async () => {
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(throwing("QuotaExceededError"));
    const { session, errors } = track();
    await session.refresh();
    await session.refresh(() => {}).catch(() => {});
    expect(errors.length).toBeGreaterThan(0);
    expect(errorText(errors)).not.toContain(session.get()!);
  });
});

describe("no session ID reaches onError", () => {
  it("a custom backend that puts the value into its error hands onError no ID: message, stack or cause chain", async () => {
    const seen: string[] = [];
    const backend: StorageBackend = {
      get: () => null,
      set: (_key, value) => {
        throw new Error(`cannot write ${value}`, { cause: new Error(`inner: ${value}`, { cause: `raw ${value}` }) });
      },
      remove: () => {},
    };
    const { session, errors } = track({ storage: backend });
    seen.push(session.get()!);
    seen.push(await session.refresh());
    expect(errors.length).toBeGreaterThan(0);
    const chain = (error: unknown): string =>
      error instanceof Error ? `${error.name} ${error.message} ${error.stack} ${chain(error.cause)}` : String(error);
    const text = errors.map(chain).join("\n");
    expect(text).toContain("cannot write [session id]");
    for (const id of seen) expect(text).not.toContain(id);
  });

  it("an async backend whose get never settles: after storageTimeout the session lives in memory and reports storage-timeout", async () => {
    const { session, codes } = track({ storage: { get: () => new Promise(() => {}), set: async () => {}, remove: async () => {} }, storageTimeout: 20 });
    const id = await session.ready();
    expect(isSessionId(id)).toBe(true);
    expect(codes()).toEqual(["storage-timeout"]);
    expect(await session.refresh()).toBe(session.get());
  });
});
