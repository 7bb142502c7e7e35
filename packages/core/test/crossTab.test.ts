import { describe, expect, it, vi } from "vitest";
import { browserScope, createSession, localStorageBackend, sessionStorageBackend, type StorageBackend } from "../src/index.ts";
import { otherTabWrites, storedGen, storedId, track } from "./helpers.ts";

type LockCallback = () => Promise<unknown>;
/**
 * Stands a lock manager in for the browser's: `request` gets each request's name and callback
 * (the options are dropped); `query` answers `held()`.
 */
const stubLocks = (request: (name: string, callback: LockCallback) => Promise<unknown>, held: () => { name: string }[] = () => []) =>
  vi.stubGlobal("navigator", {
    ...navigator,
    locks: {
      query: async () => ({ held: held() }),
      request: (name: string, options: unknown, run?: LockCallback) => request(name, run ?? (options as LockCallback)),
    },
  });

describe("cross-tab sync with localStorage (storage events, dispatched by hand as jsdom sends none)", () => {
  it("adopts a rotation from another tab in get() and tells subscribers once", () => {
    const { session } = track({ storage: localStorageBackend() });
    const heard = vi.fn();
    session.subscribe(heard);
    otherTabWrites("sessionid", "other-tab-rotated-0001.1");
    expect(session.get()).toBe("other-tab-rotated-0001");
    expect(heard).toHaveBeenCalledTimes(1);
    expect(heard).toHaveBeenCalledWith("other-tab-rotated-0001");
  });

  it("never goes back to an ID it already moved past (a late event or message)", async () => {
    const { session } = track({ storage: localStorageBackend() });
    const first = session.get()!;
    const second = await session.refresh();
    const heard = vi.fn();
    session.subscribe(heard);
    otherTabWrites("sessionid", first);
    expect(session.get()).toBe(second);
    expect(heard).not.toHaveBeenCalled();
  });

  it("ignores changes under other keys and in sessionStorage", () => {
    const { session } = track({ storage: localStorageBackend() });
    const id = session.get();
    otherTabWrites("another-key", "other-tab-rotated-0001");
    otherTabWrites("sessionid", "other-tab-rotated-0001", sessionStorage);
    expect(session.get()).toBe(id);
  });

  it("puts its ID back when another tab removes the key, so every tab stays on one ID", async () => {
    const { session } = track({ storage: localStorageBackend() });
    const id = session.get();
    session.subscribe(() => {});
    localStorage.removeItem("sessionid");
    otherTabWrites("sessionid", null);
    expect(session.get()).toBe(id);
    await vi.waitFor(() => expect(storedId(localStorage, "sessionid")).toBe(id));
    // Generation 1: the ID this tab made at start (generation 0) was promoted under the lock.
    expect(storedGen(localStorage, "sessionid")).toBe(1);
  });

  it("puts its ID back when another tab calls clear() (key: null)", async () => {
    const { session } = track({ storage: localStorageBackend() });
    const id = session.get();
    session.subscribe(() => {});
    localStorage.clear();
    otherTabWrites(null, null);
    await vi.waitFor(() => expect(storedId(localStorage, "sessionid")).toBe(id));
  });

  it("puts back the latest ID, not its own, when it lags behind a newer commit (a late write-back)", async () => {
    const { session } = track({ storage: localStorageBackend() });
    const id = session.get();
    session.subscribe(() => {});
    // Another tab removed the key and a third committed a newer ID whose event has not come yet.
    localStorage.setItem("sessionid", "newer-commit-000000001.1");
    window.dispatchEvent(new StorageEvent("storage", { key: "sessionid", newValue: null, storageArea: localStorage }));
    await vi.waitFor(() => expect(session.get()).toBe("newer-commit-000000001"));
    expect(storedId(localStorage, "sessionid")).toBe("newer-commit-000000001");
    expect(session.get()).not.toBe(id);
  });

  it("replaces garbage another tab wrote under our key, and reports it without the value", async () => {
    const { session, codes, errors } = track({ storage: localStorageBackend() });
    const id = session.get();
    session.subscribe(() => {});
    localStorage.setItem("sessionid", "{\"not\":\"an id\"}");
    otherTabWrites("sessionid", "{\"not\":\"an id\"}");
    expect(session.get()).toBe(id);
    await vi.waitFor(() => expect(storedId(localStorage, "sessionid")).toBe(id));
    expect(codes()).toEqual(["invalid-stored-value"]);
    expect(errors[0]!.message).not.toContain("an id");
  });

  it("does not hear its own writes as external changes", async () => {
    const { session } = track({ storage: localStorageBackend() });
    const heard = vi.fn();
    session.subscribe(heard);
    await session.refresh();
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it("keeps two sessions of one tab with the same key in agreement", async () => {
    for (const backend of [localStorageBackend, sessionStorageBackend]) {
      const a = track({ storage: backend() }).session;
      const b = track({ storage: backend() }).session;
      expect(b.get()).toBe(a.get());
      const heard = vi.fn();
      b.subscribe(heard);
      const next = await a.refresh();
      expect(b.get()).toBe(next);
      expect(heard).toHaveBeenCalledTimes(1);
      a.dispose();
      b.dispose();
    }
  });

  it("keeps two copies of the package in one tab (two versions, micro-frontends) with the same key in agreement", async () => {
    for (const name of ["localStorageBackend", "sessionStorageBackend"] as const) {
      const a = track({ storage: { localStorageBackend, sessionStorageBackend }[name]() }).session;
      // A second copy of every module, as a second copy of the package in node_modules is.
      vi.resetModules();
      const copy = await import("../src/index.ts");
      expect(copy.localStorageBackend).not.toBe(localStorageBackend);
      const b = copy.createSession({ storage: copy[name]() });
      expect(b.get()).toBe(a.get());
      const heard = vi.fn();
      b.subscribe(heard);
      const next = await a.refresh();
      expect(heard).toHaveBeenCalledWith(next);
      expect(b.get()).toBe(next);
      a.dispose();
      b.dispose();
    }
  });

  it("never syncs sessionStorage from storage events of another tab", () => {
    const { session } = track();
    const id = session.get();
    otherTabWrites("sessionid", "other-tab-rotated-0001", localStorage);
    expect(session.get()).toBe(id);
  });

  it("re-reads browser-wide storage when the page comes back from the back/forward cache", async () => {
    const { session } = track({ storage: localStorageBackend() });
    session.subscribe(() => {});
    // Settled first: right after start the new ID is promoted to generation 1 (its own read and write).
    const id = session.get();
    await vi.waitFor(() => expect(localStorage.getItem("sessionid")).toBe(`${id}.1`));
    localStorage.setItem("sessionid", "rotated-while-asleep-01.2");
    window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: false }));
    expect(session.get()).not.toBe("rotated-while-asleep-01");
    window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
    return vi.waitFor(() => expect(session.get()).toBe("rotated-while-asleep-01"));
  });

  it("refresh adopts what another tab committed before it, and passes that as previous", async () => {
    const { session } = track({ storage: localStorageBackend() });
    // Another tab rotated, but its storage event has not arrived yet.
    localStorage.setItem("sessionid", "other-tab-rotated-0001.1");
    const previous = vi.fn();
    await session.refresh((_next, prev) => previous(prev));
    expect(previous).toHaveBeenCalledWith("other-tab-rotated-0001");
  });

  it("without a lock, a commit guard adopts another tab's ID committed during the callback and rejects the refresh", async () => {
    const { session, codes } = track({ storage: localStorageBackend() });
    let dropped: string | undefined;
    await expect(
      session.refresh((next) => {
        dropped = next;
        localStorage.setItem("sessionid", "other-tab-won-00000001.2");
      }),
    ).rejects.toMatchObject({ code: "refresh-conflict" });
    expect(session.get()).toBe("other-tab-won-00000001");
    expect(storedId(localStorage, "sessionid")).toBe("other-tab-won-00000001");
    expect(session.get()).not.toBe(dropped);
    expect(codes()).toEqual([]);
  });
});

describe("Web Locks", () => {
  it("holds the lock named after the key while the callback runs, then marks the commit", async () => {
    const names: string[] = [];
    const held: { name: string }[] = [];
    stubLocks(
      (name, callback) => {
        names.push(name);
        held.push({ name });
        return callback();
      },
      () => [...held],
    );
    const { session } = track({ storage: localStorageBackend(), key: "shop" });
    const first = session.get();
    const next = await session.refresh();
    // First the start's promotion of the new ID to generation 1, then the refresh.
    expect(names).toEqual(["sessionid:shop", `sessionid:shop#${first}.1`, "sessionid:shop", `sessionid:shop#${next}.2`]);
  });

  it("takes previous from the newest commit mark when storage here lags behind (another process)", async () => {
    const marks = [{ name: "sessionid:shop#newest-commit-mark-0001.3" }, { name: "sessionid:shop#older-commit-mark-00001.2" }];
    stubLocks((_name, callback) => callback(), () => marks);
    const { session } = track({ storage: localStorageBackend(), key: "shop" });
    const seen = vi.fn();
    await session.refresh((_next, previous) => seen(previous));
    expect(seen).toHaveBeenCalledWith("newest-commit-mark-0001");
  });

  it("falls back to the commit guard and reports lock-timeout when the lock is never granted", async () => {
    vi.stubGlobal("navigator", {
      ...navigator,
      locks: {
        request: (_name: string, options: { signal: AbortSignal }) =>
          new Promise((_resolve, reject) =>
            options.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
          ),
      },
    });
    const { session, codes } = track({ storage: localStorageBackend(), lockTimeout: 10 });
    const callback = vi.fn();
    const next = await session.refresh(callback);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(session.get()).toBe(next);
    // One for the start's promotion of the new ID to generation 1, one for the refresh.
    expect(codes()).toEqual(["lock-timeout", "lock-timeout"]);
  });

  it("a stale mark (an older generation, its newer mark's tab has closed) never wins over a later stored commit", async () => {
    const held: { name: string }[] = [];
    stubLocks((_name, callback) => callback(), () => held);
    const { session } = track({ storage: localStorageBackend(), key: "shop" });
    const first = session.get()!;
    const second = await session.refresh();
    // Only the mark of the first ID is left, as when the tab that committed a newer one closed.
    held.push({ name: `sessionid:shop#${first}.0` });
    const seen = vi.fn();
    await session.refresh((_next, previous) => seen(previous));
    expect(seen).toHaveBeenCalledWith(second);
  });

  it("a lock manager that grants locks but rejects query(): refreshes and repairs go on from storage and this tab", async () => {
    vi.stubGlobal("navigator", {
      ...navigator,
      locks: {
        query: () => Promise.reject(new DOMException("The operation is insecure.", "SecurityError")),
        request: (_name: string, options: unknown, run?: LockCallback) => (run ?? (options as LockCallback))(),
      },
    });
    const { session, codes } = track({ storage: localStorageBackend(), key: "shop" });
    const first = session.get()!;
    const seen = vi.fn();
    const next = await session.refresh((next, previous) => seen(next, previous));
    expect(seen).toHaveBeenCalledWith(next, first);
    expect(session.get()).toBe(next);
    expect(storedId(localStorage, "shop")).toBe(next);
    // A removal by another tab is still put back.
    session.subscribe(() => {});
    localStorage.removeItem("shop");
    otherTabWrites("shop", null);
    await vi.waitFor(() => expect(storedId(localStorage, "shop")).toBe(next));
    expect(codes()).toEqual([]);
  });

  it("reads a commit mark whose key has spaces", async () => {
    stubLocks((_name, callback) => callback(), () => [{ name: "sessionid:my shop#mark-of-spaced-key-001.2" }]);
    const { session } = track({ storage: localStorageBackend(), key: "my shop" });
    const seen = vi.fn();
    await session.refresh((_next, previous) => seen(previous));
    expect(seen).toHaveBeenCalledWith("mark-of-spaced-key-001");
  });

  it("does not take a lock for per-tab storage", async () => {
    const request = vi.fn();
    vi.stubGlobal("navigator", { ...navigator, locks: { request } });
    await track().session.refresh();
    expect(request).not.toHaveBeenCalled();
    expect(createSession).toBeTypeOf("function");
  });
});

describe("lock grants the browser rejects (Chromium, while the page is inside window.open)", () => {
  const notRunnable = () => new DOMException("The provided callback is no longer runnable.", "InvalidStateError");

  it("a rejected grant of the refresh lock is asked for again, not taken for a timeout", async () => {
    const requests: string[] = [];
    let rejectedOnce = false;
    stubLocks((name, callback) => {
      requests.push(name);
      if (!rejectedOnce) {
        rejectedOnce = true;
        return Promise.reject(notRunnable());
      }
      return callback();
    });
    const { session, codes } = track({ storage: localStorageBackend(), key: "shop", lockTimeout: 5000 });
    const first = session.get();
    const next = await session.refresh();
    expect(codes()).toEqual([]);
    // The rejected grant is the start's promotion of the new ID (generation 0 to 1); then the refresh.
    expect(requests).toEqual([
      "sessionid:shop",
      "sessionid:shop",
      `sessionid:shop#${first}.1`,
      "sessionid:shop",
      `sessionid:shop#${next}.2`,
    ]);
  });

  it("a rejected grant of the commit mark is asked for again; the refresh settles and nothing is unhandled", async () => {
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    const requests: string[] = [];
    stubLocks((name, callback) => {
      requests.push(name);
      if (name.includes("#") && requests.filter((request) => request.includes("#")).length < 3) return Promise.reject(notRunnable());
      return callback();
    });
    const { session, codes } = track({ storage: localStorageBackend(), key: "shop" });
    const first = session.get();
    const next = await session.refresh();
    const second = await session.refresh();
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.off("unhandledRejection", unhandled);
    expect(unhandled).not.toHaveBeenCalled();
    expect(codes()).toEqual([]);
    // The first mark asked for is the start's promotion of the new ID to generation 1.
    expect(requests.filter((request) => request == `sessionid:shop#${first}.1`)).toHaveLength(3);
    expect(requests.filter((request) => request == `sessionid:shop#${next}.2`)).toHaveLength(1);
    expect(session.get()).toBe(second);
  });
});

describe("granted locks the browser rejects while held (WebKit, entering the back/forward cache)", () => {
  const goingAway = () => new DOMException("Promise was rejected because the browsing context is going away", "AbortError");

  /** Runs every callback, but rejects the promise of every granted exclusive request at once. */
  const rejectWhileHeld = () =>
    stubLocks((name, callback) => {
      const running = callback();
      if (name.includes("#")) return running;
      running.catch(() => {});
      return Promise.reject(goingAway());
    });

  it("a refresh whose callback resolves after its lock was rejected commits, and resolves to what it committed", async () => {
    rejectWhileHeld();
    const { session, codes } = track({ storage: localStorageBackend(), key: "shop" });
    let finish!: () => void;
    const refreshing = session.refresh(() => new Promise<void>((resolve) => (finish = resolve)));
    await vi.waitFor(() => expect(finish).toBeTypeOf("function"));
    finish();
    const next = await refreshing;
    expect(storedId(localStorage, "shop")).toBe(next);
    expect(session.get()).toBe(next);
    expect(codes()).toEqual([]);
  });

  it("a refresh whose callback then fails rejects with the callback's error and commits nothing", async () => {
    rejectWhileHeld();
    const { session } = track({ storage: localStorageBackend(), key: "shop" });
    const before = session.get();
    await vi.waitFor(() => expect(localStorage.getItem("shop")).toBe(`${before}.1`));
    let fail!: () => void;
    const refreshing = session.refresh(() => new Promise<void>((_resolve, reject) => (fail = () => reject(new Error("log-in failed")))));
    await vi.waitFor(() => expect(fail).toBeTypeOf("function"));
    fail();
    await expect(refreshing).rejects.toThrow("log-in failed");
    expect(localStorage.getItem("shop")).toBe(`${before}.1`);
    expect(session.get()).toBe(before);
  });

  it("a held mark whose grant is rejected is not asked for again", async () => {
    const requests: string[] = [];
    const held: string[] = [];
    stubLocks((name, callback) => {
      requests.push(name);
      if (!name.includes("#")) return callback();
      held.push(name);
      void callback().finally(() => held.splice(held.indexOf(name), 1));
      return Promise.reject(goingAway());
    });
    const { session } = track({ storage: localStorageBackend(), key: "shop" });
    const first = session.get();
    const next = await session.refresh();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requests.filter((request) => request == `sessionid:shop#${first}.1`)).toHaveLength(1);
    expect(requests.filter((request) => request == `sessionid:shop#${next}.2`)).toHaveLength(1);
    // Only the mark of what this tab holds is still held: the first one was released.
    expect(held).toEqual([`sessionid:shop#${next}.2`]);
  });
});

describe("generations: IDs only move forward", () => {
  it("a stored value of an older generation is never adopted, whatever its ID, and is repaired with the latest", async () => {
    const { session } = track({ storage: localStorageBackend() });
    const first = session.get()!;
    const second = await session.refresh();
    const heard = vi.fn();
    session.subscribe(heard);
    // The refresh committed generation 2 (the start promoted the first ID to 1).
    otherTabWrites("sessionid", "zzzz-older-generation-1.1");
    await vi.waitFor(() => expect(storedId(localStorage, "sessionid")).toBe(second));
    expect(storedGen(localStorage, "sessionid")).toBe(2);
    expect(session.get()).toBe(second);
    expect(heard).not.toHaveBeenCalled();
    expect(first).not.toBe(second);
  });

  it("a junk generation no commit could follow (\".zzzzzzz\") is junk: repaired, never adopted, so tabs cannot livelock", async () => {
    const { session, codes } = track({ storage: localStorageBackend() });
    const id = session.get()!;
    session.subscribe(() => {});
    otherTabWrites("sessionid", "someone-else-wrote-01.zzzzzzz");
    await vi.waitFor(() => expect(storedId(localStorage, "sessionid")).toBe(id));
    expect(session.get()).toBe(id);
    expect(codes()).toEqual(["invalid-stored-value"]);
  });

  it("a bare ID stored by 0.1 loads as generation 0, is promoted to 1, and the next commit stores generation 2", async () => {
    localStorage.setItem("sessionid", "stored-by-version-0-1");
    const { session } = track({ storage: localStorageBackend() });
    expect(session.get()).toBe("stored-by-version-0-1");
    await vi.waitFor(() => expect(localStorage.getItem("sessionid")).toBe("stored-by-version-0-1.1"));
    const next = await session.refresh();
    expect(localStorage.getItem("sessionid")).toBe(`${next}.2`);
  });

});

describe("marks: every live tab vouches for what it holds", () => {
  /** A lock manager shared by the sessions of this document, standing for the browser's. */
  const fakeLocks = () => {
    const held: { name: string; mode: string }[] = [];
    let queue: Promise<unknown> = Promise.resolve();
    return {
      query: async () => ({ held: [...held] }),
      request(name: string, options: unknown, run?: () => unknown) {
        const callback = (run ?? options) as () => unknown;
        const mode = run ? ((options as { mode?: string }).mode ?? "exclusive") : "exclusive";
        const entry = { name, mode };
        const go = async () => {
          held.push(entry);
          try {
            return await callback();
          } finally {
            held.splice(held.indexOf(entry), 1);
          }
        };
        if (mode == "shared") return go();
        const result = queue.then(go);
        queue = result.catch(() => {});
        return result;
      },
    };
  };

  it("a tab that starts while the key is removed never moves the live tabs to its new ID, whatever the ID order", async () => {
    vi.stubGlobal("navigator", { ...navigator, locks: fakeLocks() });
    // The live tab's ID sorts first, the new tab's last: at one generation the new one would win.
    const ids = ["aaaa-live-tab-0000001", "zzzz-new-tab-00000001"];
    const live = track({ storage: localStorageBackend(), generateId: () => ids.shift()! }).session;
    live.subscribe(() => {});
    // Settled: its ID promoted to generation 1 (the repair at start), that mark held, and no
    // repair holds the lock. (A mark alone is not enough: the mark of generation 0 is taken before
    // the promotion's repair is granted the lock.)
    await vi.waitFor(async () =>
      expect((await navigator.locks.query()).held!.map(({ name, mode }) => `${mode} ${name}`)).toEqual([
        "shared sessionid:sessionid#aaaa-live-tab-0000001.1",
      ]),
    );
    // Another tab removes the key; a tab (another document, here a second session) starts before
    // the live tab has put its ID back.
    localStorage.removeItem("sessionid");
    const fresh = track({ storage: localStorageBackend(), generateId: () => ids.shift()! }).session;
    expect(fresh.get()).toBe("zzzz-new-tab-00000001");
    otherTabWrites("sessionid", localStorage.getItem("sessionid"));
    fresh.subscribe(() => {});
    await vi.waitFor(() => expect(fresh.get()).toBe("aaaa-live-tab-0000001"));
    expect(live.get()).toBe("aaaa-live-tab-0000001");
    expect(storedId(localStorage, "sessionid")).toBe("aaaa-live-tab-0000001");
  });

  it("a repair that writes another tab's ID (from its mark) and fails hands onError no ID", async () => {
    vi.stubGlobal("navigator", { ...navigator, locks: fakeLocks() });
    let tell!: (value: string | null) => void;
    let failing = false;
    const refusing: StorageBackend = {
      get: (key) => localStorage.getItem(key),
      set(key, value) {
        if (failing) throw new Error(`cannot write ${value}`);
        localStorage.setItem(key, value);
      },
      remove: (key) => localStorage.removeItem(key),
      subscribe: (_key, onChange) => ((tell = onChange), () => {}),
      scope: browserScope,
    };
    const { session, errors } = track({ storage: refusing });
    session.subscribe(() => {});
    const other = track({ storage: localStorageBackend() }).session;
    other.subscribe(() => {});
    const othersId = await other.refresh();
    // This tab has not heard of it; the key is removed, and its repair writes the latest (the other's).
    failing = true;
    localStorage.removeItem("sessionid");
    tell(null);
    await vi.waitFor(() => expect(errors.map((error) => error.code)).toContain("storage-write"));
    const text = errors.map((error) => `${error.message} ${(error.cause as Error)?.message} ${(error.cause as Error)?.stack}`).join("\n");
    expect(text).not.toContain(othersId);
    expect(text).not.toContain(session.get()!);
  });

  it("a tab that started on a fresh ID while the key was gone refreshes from the latest ID a live tab holds", async () => {
    vi.stubGlobal("navigator", { ...navigator, locks: fakeLocks() });
    // Tab A shares localStorage but hears other tabs only when told (as a storage event would).
    let tellA!: (value: string | null) => void;
    const otherTab: StorageBackend = {
      get: (key) => localStorage.getItem(key),
      set: (key, value) => localStorage.setItem(key, value),
      remove: (key) => localStorage.removeItem(key),
      subscribe: (_key, onChange) => ((tellA = onChange), () => {}),
      scope: browserScope,
    };
    const a = track({ storage: otherTab }).session;
    a.subscribe(() => {});
    const b = track({ storage: localStorageBackend() }).session;
    const latest = await b.refresh();
    tellA(localStorage.getItem("sessionid"));
    expect(a.get()).toBe(latest);
    // The committer closes; only tab A holds the latest ID now. Then the key is removed, and a
    // new tab starts before A has heard of it.
    b.dispose();
    localStorage.removeItem("sessionid");
    const c = track({ storage: localStorageBackend() }).session;
    const fresh = c.get();
    expect(fresh).not.toBe(latest);
    const previous = vi.fn();
    await c.refresh((_next, from) => previous(from));
    expect(previous).toHaveBeenCalledWith(latest);
  });
});
