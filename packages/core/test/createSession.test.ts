import { describe, expect, it, vi } from "vitest";
import { createSession, isSessionId, memoryBackend, SessionError, type StorageBackend, localStorageBackend } from "../src/index.ts";
import { idOf, storedId, track } from "./helpers.ts";

describe("createSession with a sync backend", () => {
  it("has the ID on the very first get(), before anything else runs", () => {
    const { session } = track();
    expect(isSessionId(session.get())).toBe(true);
  });

  it("persists a new ID at once, in sessionStorage under the default key", () => {
    const { session } = track();
    const id = session.get();
    expect(storedId(sessionStorage, "sessionid")).toBe(id);
  });

  it("keeps the ID across a reload (a new session over the same storage)", () => {
    const first = track().session.get();
    expect(track().session.get()).toBe(first);
  });

  it("runs the generator only when storage has no valid ID (no throwaway IDs)", () => {
    const generateId = vi.fn(() => "generated-id-0000000001");
    sessionStorage.setItem("sessionid", "stored-id-000000000001");
    expect(track({ generateId }).session.get()).toBe("stored-id-000000000001");
    expect(generateId).not.toHaveBeenCalled();
    sessionStorage.clear();
    expect(track({ generateId }).session.get()).toBe("generated-id-0000000001");
    expect(generateId).toHaveBeenCalledTimes(1);
  });

  it("keeps several sessions on one site apart by key", () => {
    const a = track({ key: "app-a" }).session.get();
    const b = track({ key: "app-b" }).session.get();
    expect(a).not.toBe(b);
    expect(storedId(sessionStorage, "app-a")).toBe(a);
    expect(storedId(sessionStorage, "app-b")).toBe(b);
  });

  it('uses localStorage for storage: localStorageBackend()', () => {
    const { session } = track({ storage: localStorageBackend() });
    const id = session.get();
    expect(storedId(localStorage, "sessionid")).toBe(id);
    expect(storedId(sessionStorage, "sessionid")).toBeNull();
  });

  it('keeps memory sessions apart: storage: memoryBackend() is never written anywhere', () => {
    const a = track({ storage: memoryBackend() }).session.get();
    const b = track({ storage: memoryBackend() }).session.get();
    expect(a).not.toBe(b);
    expect(sessionStorage.length + localStorage.length).toBe(0);
  });

  it("seeds an empty browser-wide storage with initialId, but a stored ID wins", () => {
    const initialId = "from-the-server-000001";
    expect(track({ initialId, storage: localStorageBackend() }).session.get()).toBe(initialId);
    expect(storedId(localStorage, "sessionid")).toBe(initialId);
    localStorage.setItem("sessionid", "already-stored-0000001");
    expect(track({ initialId, storage: localStorageBackend() }).session.get()).toBe("already-stored-0000001");
  });

  it("never seeds per-tab storage with initialId: two tabs rendered with one initialId would share it", () => {
    const initialId = "from-the-server-000001";
    const { session } = track({ initialId });
    expect(session.getInitial()).toBe(initialId);
    expect(session.get()).not.toBe(initialId);
  });

  it("accepts a custom validate and generateId", () => {
    const { session } = track({ generateId: () => "ABC", validate: (value) => /^[A-Z]{3}$/.test(value) });
    expect(session.get()).toBe("ABC");
  });

  it("throws a clear SessionError when generateId makes something validate rejects", () => {
    expect(() => createSession({ generateId: () => "short" }).get()).toThrowError(
      expect.objectContaining({ code: "invalid-id", message: expect.stringContaining("generateId") }),
    );
  });

  it("rejects a storage string or an empty key with a clear error", () => {
    expect(() => createSession({ storage: "disk" as never })).toThrowError(SessionError);
    expect(() => createSession({ key: "" })).toThrowError(/key must be a non-empty string/);
  });

  it("ready() resolves with the current ID", async () => {
    const { session } = track();
    await expect(session.ready()).resolves.toBe(session.get());
  });

  it("works with any custom sync backend", () => {
    const values = new Map<string, string>();
    const backend: StorageBackend = {
      get: (key) => values.get(key),
      set: (key, value) => void values.set(key, value),
      remove: (key) => void values.delete(key),
    };
    const { session } = track({ storage: backend, key: "k" });
    const id = session.get();
    expect(idOf(values.get("k"))).toBe(id);
  });

  it("getInitial() is undefined without initialId or a server-readable backend, so hydration matches a server render", () => {
    expect(track().session.getInitial()).toBeUndefined();
    expect(track({ storage: memoryBackend(), initialId: "from-the-server-000001" }).session.getInitial()).toBe(
      "from-the-server-000001",
    );
  });

  it("with an async backend, ready() and refresh() reject (and onError hears it) when no ID can be made", async () => {
    const errors: string[] = [];
    const session = createSession({
      storage: { get: async () => null, set: async () => {}, remove: async () => {} },
      generateId: () => "bad",
      onError: (error) => errors.push(error.code),
    });
    await expect(session.ready()).rejects.toMatchObject({ code: "invalid-id" });
    await expect(session.refresh()).rejects.toMatchObject({ code: "invalid-id" });
    expect(errors).toEqual(["invalid-id"]);
    session.dispose();
  });
});

describe("missingProvider", () => {
  it("names the hook and the provider to add, with the no-provider code", async () => {
    const { missingProvider } = await import("../src/index.ts");
    const error = missingProvider("useSessionId", "<SessionProvider>");
    expect(error).toBeInstanceOf(SessionError);
    expect(error.code).toBe("no-provider");
    expect(error.message).toBe("useSessionId() found no session: add <SessionProvider> above this component.");
  });
});
