import { describe, expect, it, vi } from "vitest";
import { createSession, generateSessionId, localStorageBackend, memoryBackend, SessionError, type SessionOptions } from "../src/index.ts";
import { track } from "./helpers.ts";

const thrownBy = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as SessionError;
  }
  throw new Error("did not throw");
};

describe("options: each mistake gets its own message naming the option and the fix", () => {
  it.each([
    ["key: 42", { key: 42 }, /key must be a non-empty string \(got number\)/],
    ['key: ""', { key: "" }, /key must be a non-empty string \(got an empty string\)/],
    ['validate: "yes"', { validate: "yes" }, /validate must be a function \(got string\)/],
    ["generateId: 7", { generateId: 7 }, /generateId must be a function/],
    ["onError: {}", { onError: {} }, /onError must be a function \(got object\)/],
    ['lockTimeout: "soon"', { lockTimeout: "soon" }, /lockTimeout must be a positive number of milliseconds, at most 2147483647 \(got string\)/],
    ["refreshTimeout: -1", { refreshTimeout: -1 }, /refreshTimeout must be a positive number of milliseconds.*\(got -1\)/],
    ["storageTimeout: Infinity", { storageTimeout: Infinity }, /storageTimeout must be a positive number/],
    ["refreshTimeout: 2 ** 31 (setTimeout would fire at once)", { refreshTimeout: 2 ** 31 }, /refreshTimeout must be a positive number of milliseconds, at most 2147483647/],
    ["storage: {}", { storage: {} }, /storage must be a backend with get, set and remove methods/],
    ["storage: { get }", { storage: { get: () => null } }, /storage must be a backend with get, set and remove/],
    ['storage: "local"', { storage: "local" }, /for "local" import localStorageBackend\(\) from "@sessionid\/core"/],
    ['storage: "indexeddb"', { storage: "indexeddb" }, /import indexedDBBackend\(\) from "@sessionid\/core\/indexeddb"/],
    ['storage: "cookie"', { storage: "cookie" }, /import cookieBackend\(\) from "@sessionid\/core\/cookie"/],
    ['server: "yes"', { server: "yes" }, /server must be true or false/],
  ])("%s", (_name, options, message) => {
    const error = thrownBy(() => createSession(options as unknown as SessionOptions));
    expect(error).toBeInstanceOf(SessionError);
    expect(error.code).toBe("invalid-option");
    expect(error.message).toMatch(message);
  });

  it('createSession("local") in plain JS says to pass an options object with the backend import', () => {
    const error = thrownBy(() => createSession("local" as never));
    expect(error.code).toBe("invalid-option");
    expect(error.message).toMatch(/pass an options object.*localStorageBackend\(\) from "@sessionid\/core"/);
  });

  it("generateId returning junk is an invalid-id error naming generateId", () => {
    const error = thrownBy(() => createSession({ generateId: () => 42 as never }).get());
    expect(error.code).toBe("invalid-id");
    expect(error.message).toMatch(/generateId returned a value that validate rejects/);
  });

  it("an invalid initialId is reported (not silently dropped) and treated as none", () => {
    const { session, errors } = track({ initialId: "<script>" });
    expect(session.getInitial()).toBeUndefined();
    expect(errors.map((error) => [error.code, error.message])).toEqual([
      ["invalid-option", expect.stringMatching(/initialId is not a valid session ID/)],
    ]);
    expect(errors[0]!.message).not.toContain("<script>");
  });
});

describe("methods used wrongly", () => {
  it('refresh("notfn") rejects with invalid-argument and changes nothing', async () => {
    const { session } = track();
    const id = session.get();
    await expect(session.refresh("notfn" as never)).rejects.toMatchObject({
      code: "invalid-argument",
      message: expect.stringMatching(/refresh\(\) takes a callback function or nothing, not string/),
    });
    expect(session.get()).toBe(id);
  });

  it("refresh() after dispose() rejects with disposed and writes nothing", async () => {
    const { session } = track();
    const id = session.get();
    session.dispose();
    const callback = vi.fn();
    await expect(session.refresh(callback)).rejects.toMatchObject({ code: "disposed" });
    expect(callback).not.toHaveBeenCalled();
    expect(session.get()).toBe(id);
  });

  it("a session disposed while its refresh callback runs still commits what the callback moved; a queued refresh never calls its callback", async () => {
    const storage = memoryBackend();
    const { session } = track({ storage });
    let finish!: () => void;
    const moving = session.refresh(() => new Promise<void>((resolve) => (finish = resolve)));
    const queuedCallback = vi.fn();
    const queued = session.refresh(queuedCallback);
    await vi.waitFor(() => expect(finish).toBeDefined());
    session.dispose();
    finish();
    const next = await moving;
    expect(session.get()).toBe(next);
    expect(String(storage.get("sessionid"))).toContain(next);
    await expect(queued).rejects.toMatchObject({ code: "disposed" });
    expect(queuedCallback).not.toHaveBeenCalled();
  });

  it("an onError that throws never breaks the session", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const session = createSession({
      storage: { get: () => "junk", set: () => {}, remove: () => {} },
      onError() {
        throw new Error("the app's handler is broken");
      },
    });
    expect(session.get()).toBeDefined();
    const next = await session.refresh();
    expect(session.get()).toBe(next);
    session.dispose();
  });
});

describe("faults are never silent", () => {
  it("without onError, each fault code is warned about once on the console, without any ID", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const session = createSession({
      storage: {
        get: () => "junk",
        set: (_key, value) => {
          throw new Error("cannot write " + value);
        },
        remove: () => {},
      },
    });
    const id = session.get()!;
    const next = await session.refresh();
    await session.refresh();
    const codes = warn.mock.calls.map((call) => /code "([\w-]+)"/.exec(String(call[0]))?.[1]);
    expect(codes).toEqual(["invalid-stored-value", "storage-write"]);
    const printed = warn.mock.calls.flat().map((part) => (part instanceof Error ? `${part.message} ${part.stack}` : String(part))).join("\n");
    expect(printed).not.toContain(id);
    expect(printed).not.toContain(next);
    session.dispose();
  });
});

/** A session that recovered: ready() gives the ID it adopted, and refresh() rotates from it. */
const expectWorksFrom = async (session: ReturnType<typeof createSession>, id: string) => {
  expect(await session.ready()).toBe(id);
  const next = await session.refresh();
  expect(next).not.toBe(id);
  expect(session.get()).toBe(next);
};

describe("found in review", () => {
  it("a first get() that cannot make an ID throws, and ready() and refresh() reject instead of hanging", async () => {
    const session = createSession({ storage: memoryBackend(), generateId: () => "bad", onError: () => {} });
    expect(() => session.get()).toThrowError(expect.objectContaining({ code: "invalid-id" }));
    await expect(session.ready()).rejects.toMatchObject({ code: "invalid-id" });
    await expect(session.refresh()).rejects.toMatchObject({ code: "invalid-id" });
    session.dispose();
  });

  it("when no ID can be made, ready(), refresh() and subscribe() as the first call do not throw: the promises reject, and get() throws every time", async () => {
    for (const first of ["ready", "refresh", "subscribe"] as const) {
      const session = createSession({ storage: memoryBackend(), generateId: () => "bad", onError: () => {} });
      let called: Promise<unknown> | (() => void) | undefined;
      expect(() => (called = first == "subscribe" ? session.subscribe(() => {}) : session[first]())).not.toThrow();
      if (first != "subscribe") await expect(called).rejects.toMatchObject({ code: "invalid-id" });
      await expect(session.ready()).rejects.toMatchObject({ code: "invalid-id" });
      expect(() => session.get()).toThrowError(expect.objectContaining({ code: "invalid-id" }));
      expect(() => session.get()).toThrowError(expect.objectContaining({ code: "invalid-id" }));
      session.dispose();
    }
  });

  it("a session that could make no ID recovers when another session of the tab stores one it adopts", async () => {
    localStorage.clear();
    const broken = createSession({ storage: localStorageBackend(), generateId: () => "bad", onError: () => {} });
    const heard: unknown[] = [];
    broken.subscribe((id) => heard.push(id));
    expect(() => broken.get()).toThrowError(expect.objectContaining({ code: "invalid-id" }));
    const working = createSession({ storage: localStorageBackend() });
    const id = await working.ready();
    await vi.waitFor(() => expect(heard).toEqual([id]));
    expect(broken.get()).toBe(id);
    broken.dispose();
    working.dispose();
    localStorage.clear();
  });

  it("without subscribers too: get() reads storage again and adopts the stored ID, and ready() and refresh() work from there", async () => {
    localStorage.clear();
    // A generateId that fails once (a page whose crypto came back, say).
    let made = 0;
    const broken = createSession({ storage: localStorageBackend(), generateId: () => (made++ ? generateSessionId() : "bad"), onError: () => {} });
    expect(() => broken.get()).toThrowError(expect.objectContaining({ code: "invalid-id" }));
    const working = createSession({ storage: localStorageBackend() });
    const id = await working.ready();
    expect(broken.get()).toBe(id);
    await expectWorksFrom(broken, id);
    broken.dispose();
    working.dispose();
    localStorage.clear();
  });

  it("the same with an async backend: get() reads storage again after a failed first load, and ready() and refresh() work from there", async () => {
    const values = new Map<string, string>();
    const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 2));
    const shared = () => ({
      get: (key: string) => later(values.get(key) ?? null),
      set: (key: string, value: string) => later(void values.set(key, value)),
      remove: (key: string) => later(void values.delete(key)),
    });
    let made = 0;
    const broken = createSession({ storage: shared(), generateId: () => (made++ ? generateSessionId() : "bad"), onError: () => {} });
    expect(broken.get()).toBeUndefined();
    await expect(broken.ready()).rejects.toMatchObject({ code: "invalid-id" });
    const working = createSession({ storage: shared() });
    const id = await working.ready();
    // Each get() starts a read in the background for a later call.
    await vi.waitFor(() => expect(broken.get()).toBe(id));
    await expectWorksFrom(broken, id);
    broken.dispose();
    working.dispose();
  });

  it("a page of this tab restored from the back/forward cache adopts what another page of the tab committed meanwhile", async () => {
    const { session } = track();
    const id = session.get()!;
    session.subscribe(() => {});
    // Another page in this tab (same sessionStorage) refreshed while this one was in the cache.
    sessionStorage.setItem("sessionid", "moved-on-in-this-tab-1.1");
    expect(session.get()).toBe(id);
    dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
    await vi.waitFor(() => expect(session.get()).toBe("moved-on-in-this-tab-1"));
  });
});
