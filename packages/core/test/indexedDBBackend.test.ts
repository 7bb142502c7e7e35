import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { createStore, get, set } from "idb-keyval";
import { describe, expect, it, vi } from "vitest";
import { isSessionId } from "../src/index.ts";
import { indexedDBBackend } from "../src/indexedDBBackend.ts";
import { idOf, track } from "./helpers.ts";

let count = 0;
const dbName = () => `test-db-${count++}`;

describe("indexedDBBackend (fake-indexeddb)", () => {
  it("is not loaded first (get() undefined), then has an ID that is stored", async () => {
    const name = dbName();
    const { session } = track({ storage: indexedDBBackend({ dbName: name }) });
    expect(session.get()).toBeUndefined();
    const id = await session.ready();
    expect(isSessionId(id)).toBe(true);
    expect(session.get()).toBe(id);
    expect(idOf(await get("sessionid", createStore(name, "sessions")))).toBe(id);
  });

  it("keeps the ID across a reload", async () => {
    const name = dbName();
    const first = await track({ storage: indexedDBBackend({ dbName: name }) }).session.ready();
    expect(await track({ storage: indexedDBBackend({ dbName: name }) }).session.ready()).toBe(first);
  });

  it("generates only after the read finds nothing: a stored ID is never replaced by a throwaway", async () => {
    const name = dbName();
    await set("sessionid", "stored-before-start-001", createStore(name, "sessions"));
    const generateId = vi.fn(() => "never-used-0000000001");
    expect(await track({ storage: indexedDBBackend({ dbName: name }), generateId }).session.ready()).toBe(
      "stored-before-start-001",
    );
    expect(generateId).not.toHaveBeenCalled();
  });

  it("two sessions starting together (two tabs) end with one ID, made in one read-write transaction", async () => {
    const name = dbName();
    const a = track({ storage: indexedDBBackend({ dbName: name }), key: "k" }).session;
    const b = track({ storage: indexedDBBackend({ dbName: name }), key: "k" }).session;
    const [idA, idB] = await Promise.all([a.ready(), b.ready()]);
    expect(idA).toBe(idB);
  });

  it("hears a rotation by another session of the same database (BroadcastChannel)", async () => {
    const name = dbName();
    const a = track({ storage: indexedDBBackend({ dbName: name }) }).session;
    const b = track({ storage: indexedDBBackend({ dbName: name }) }).session;
    await Promise.all([a.ready(), b.ready()]);
    const next = await a.refresh();
    await vi.waitFor(() => expect(b.get()).toBe(next));
  });

  it("a rotation announced by a tab that closed before its write ran: a listening session takes it, and writes it to storage", async () => {
    const name = dbName();
    const store = createStore(name, "sessions");
    const { session } = track({ storage: indexedDBBackend({ dbName: name }) });
    const id = await session.ready();
    session.subscribe(() => {});
    // Settled first: right after start the new ID is promoted to generation 1.
    await vi.waitFor(async () => expect(await get("sessionid", store)).toBe(`${id}.1`));
    // What the closing tab sent on pagehide, its write then dropped with it: nothing more follows.
    const announcement = new BroadcastChannel(`sessionid-idb-unsure:${name}/sessions`);
    announcement.postMessage(["sessionid", "announced-rotation-01.2"]);
    announcement.close();
    await vi.waitFor(() => expect(session.get()).toBe("announced-rotation-01"));
    await vi.waitFor(async () => expect(await get("sessionid", store)).toBe("announced-rotation-01.2"));
  });

  it("announces a write once it landed; those still waiting on pagehide are announced then, as unsure", async () => {
    const name = dbName();
    const heard: unknown[] = [];
    const listen = (channel: string) => {
      const listener = new BroadcastChannel(`${channel}:${name}/sessions`);
      listener.onmessage = ({ data }) => heard.push([channel, ...data]);
      return listener;
    };
    const listeners = [listen("sessionid-idb"), listen("sessionid-idb-unsure")];
    const added = vi.spyOn(window, "addEventListener");
    const removed = vi.spyOn(window, "removeEventListener");
    try {
      const backend = indexedDBBackend({ dbName: name });
      await backend.set("k", "written-value-00001.1");
      await vi.waitFor(() => expect(heard).toEqual([["sessionid-idb", "k", "written-value-00001.1"]]));
      const writes = [backend.set("k", "written-value-00002.2"), backend.set("k", "written-value-00003.3")];
      dispatchEvent(new Event("pagehide"));
      await Promise.all(writes);
      await vi.waitFor(() => expect(heard).toHaveLength(5));
      // Once landed, pagehide announces nothing more.
      dispatchEvent(new Event("pagehide"));
      await backend.set("k", "written-value-00004.4");
      await vi.waitFor(() => expect(heard).toHaveLength(6));
      expect(heard.slice(1, 5)).toEqual(
        expect.arrayContaining([
          ["sessionid-idb-unsure", "k", "written-value-00002.2"],
          ["sessionid-idb-unsure", "k", "written-value-00003.3"],
          ["sessionid-idb", "k", "written-value-00002.2"],
          ["sessionid-idb", "k", "written-value-00003.3"],
        ]),
      );
      expect(heard[5]).toEqual(["sessionid-idb", "k", "written-value-00004.4"]);
      // Listened to only while a write waited: nothing is left listening.
      const pagehide = (spy: typeof added) => spy.mock.calls.filter(([type]) => type == "pagehide").map(([, listener]) => listener);
      expect(pagehide(added)).toHaveLength(3);
      expect(pagehide(removed)).toEqual(pagehide(added));
    } finally {
      added.mockRestore();
      removed.mockRestore();
      listeners.forEach((listener) => listener.close());
    }
  });

  it("an unsure announcement heard is followed by what storage holds, unless the listener has stopped meanwhile", async () => {
    const name = dbName();
    await set("k", "stored-value-000001.1", createStore(name, "sessions"));
    const backend = indexedDBBackend({ dbName: name });
    const heard: unknown[] = [];
    const stopped: unknown[] = [];
    backend.subscribe!("k", (value) => heard.push(value));
    const stop = backend.subscribe!("k", (value) => (stopped.push(value), stop()));
    const announcement = new BroadcastChannel(`sessionid-idb-unsure:${name}/sessions`);
    announcement.postMessage(["k", "announced-value-0001.2"]);
    announcement.close();
    await vi.waitFor(() => expect(heard).toEqual(["announced-value-0001.2", "stored-value-000001.1"]));
    expect(stopped).toEqual(["announced-value-0001.2"]);
  });

  it("uses the configured database and store names", async () => {
    const { session } = track({ storage: indexedDBBackend({ dbName: "custom-db", storeName: "custom-store" }), key: "k" });
    const id = await session.ready();
    expect(idOf(await get("k", createStore("custom-db", "custom-store")))).toBe(id);
  });

  it("a slow read does not overwrite an ID that arrived meanwhile", async () => {
    const name = dbName();
    let release!: () => void;
    const backend = indexedDBBackend({ dbName: name });
    const slow = { ...backend, update: undefined, get: async (key: string) => {
      await new Promise<void>((resolve) => (release = resolve));
      return "value-from-slow-read-01";
    }, subscribe: (_key: string, onChange: (value: string | null) => void) => ((deliver = onChange), () => {}) };
    let deliver!: (value: string | null) => void;
    const { session } = track({ storage: slow });
    session.subscribe(() => {});
    deliver("arrived-meanwhile-00001");
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(session.get()).toBe("arrived-meanwhile-00001");
  });

  it("falls back to memory after storageTimeout when open hangs forever, and reports it", async () => {
    vi.stubGlobal("indexedDB", { open: () => ({}) }); // a request that never fires
    const { session, codes, errors } = track({ storage: indexedDBBackend({ dbName: dbName() }), storageTimeout: 20 });
    const id = await session.ready();
    expect(isSessionId(id)).toBe(true);
    expect(codes()).toEqual(["storage-timeout"]);
    expect(errors[0]!.message).toMatch(/did not answer within 20 ms/);
    expect(await session.refresh()).toBe(session.get());
  });

  it("falls back to memory when indexedDB is undefined", async () => {
    vi.stubGlobal("indexedDB", undefined);
    const { session, codes } = track({ storage: indexedDBBackend({ dbName: dbName() }) });
    expect(isSessionId(await session.ready())).toBe(true);
    expect(codes()).toEqual(["storage-unavailable"]);
  });

  it("reports a database whose object store is missing (made by other code) and keeps working", async () => {
    const name = dbName();
    await new Promise<void>((resolve) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore("something-else");
      request.onsuccess = () => (request.result.close(), resolve());
    });
    const { session, codes, errors } = track({ storage: indexedDBBackend({ dbName: name }) });
    expect(isSessionId(await session.ready())).toBe(true);
    expect(codes()).toEqual(["storage-unavailable"]);
    expect((errors[0]!.cause as Error).message).toMatch(/no object store "sessions".*another dbName/);
  });

  it("retries once when the first open fails and a later one succeeds", async () => {
    const real = new IDBFactory();
    let opens = 0;
    vi.stubGlobal("indexedDB", {
      open(...args: Parameters<IDBFactory["open"]>) {
        if (opens++ == 0) {
          const request = {} as IDBOpenDBRequest;
          setTimeout(() => {
            Object.defineProperty(request, "error", { value: new DOMException("boom", "UnknownError") });
            request.onerror?.(new Event("error"));
          });
          return request;
        }
        return real.open(...args);
      },
    });
    const { session, codes } = track({ storage: indexedDBBackend({ dbName: dbName() }) });
    expect(isSessionId(await session.ready())).toBe(true);
    expect(opens).toBe(2);
    expect(codes()).toEqual([]);
  });

  it("reopens once when the connection closes mid-operation (InvalidStateError)", async () => {
    const real = indexedDB;
    const connections: IDBDatabase[] = [];
    vi.stubGlobal("indexedDB", {
      open(...args: Parameters<IDBFactory["open"]>) {
        const request = real.open(...args);
        request.addEventListener("success", () => connections.push(request.result));
        return request;
      },
    });
    const backend = indexedDBBackend({ dbName: dbName() });
    const { session, codes } = track({ storage: backend });
    await session.ready();
    expect(connections).toHaveLength(1);
    // Closed without a close event: the next transaction throws InvalidStateError.
    connections[0]!.close();
    const next = await session.refresh();
    expect(connections).toHaveLength(2);
    expect(idOf(await backend.get("sessionid"))).toBe(next);
    expect(codes()).toEqual([]);
  });

  it("falls back to memory and reports when open rejects every time", async () => {
    vi.stubGlobal("indexedDB", {
      open() {
        const request = {} as IDBOpenDBRequest;
        setTimeout(() => {
          Object.defineProperty(request, "error", { value: new DOMException("blocked", "SecurityError") });
          request.onerror?.(new Event("error"));
        });
        return request;
      },
    });
    const { session, codes } = track({ storage: indexedDBBackend({ dbName: dbName() }) });
    expect(isSessionId(await session.ready())).toBe(true);
    expect(codes()).toEqual(["storage-unavailable"]);
    expect(await session.refresh()).toBe(session.get());
  });

  it("keeps its connection open when the page is hidden (visibilitychange closes nothing)", async () => {
    const real = indexedDB;
    let opens = 0;
    vi.stubGlobal("indexedDB", { open: (...args: Parameters<IDBFactory["open"]>) => (opens++, real.open(...args)) });
    const { session, codes } = track({ storage: indexedDBBackend({ dbName: dbName() }) });
    await session.ready();
    vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
    document.dispatchEvent(new Event("visibilitychange"));
    await session.refresh();
    expect(opens).toBe(1);
    expect(codes()).toEqual([]);
  });
});
