import { localStorageBackend } from "../src/index.ts";
import { sessionLifetime } from "../src/sessionLifetime.ts";
import { describe, expect, it, vi } from "vitest";
import { otherTabWrites, track } from "./helpers.ts";

describe("lifecycle", () => {
  it("a session listens to nothing until it is subscribed to, and the last unsubscribe or dispose() removes every listener", () => {
    // The per-tab scope keeps one pagehide/pageshow pair per document for every key: warm it up.
    track().session.get();
    const added = new Map<string, number>();
    const count = (type: string, delta: number) => added.set(type, (added.get(type) ?? 0) + delta);
    const add = window.addEventListener.bind(window);
    const remove = window.removeEventListener.bind(window);
    vi.spyOn(window, "addEventListener").mockImplementation((type, ...rest) => (count(type, 1), add(type, ...rest)));
    vi.spyOn(window, "removeEventListener").mockImplementation((type, ...rest) => (count(type, -1), remove(type, ...rest)));
    const local = track({ storage: localStorageBackend() }).session;
    const perTab = track().session;
    local.get();
    perTab.get();
    expect(added.size).toBe(0);
    const stop = local.subscribe(() => {});
    perTab.subscribe(() => {});
    expect(added.get("storage")).toBe(2);
    // A back/forward restore re-reads storage in both; the browser-wide one also marks again.
    expect(added.get("pageshow")).toBe(3);
    stop();
    expect(added.get("storage")).toBe(1);
    expect(added.get("pageshow")).toBe(1);
    perTab.dispose();
    local.dispose();
    expect([...added.values()].every((live) => live == 0)).toBe(true);
  });

  it("a session made and thrown away without use (a framework's discarded render) touches no storage", () => {
    const getItem = vi.spyOn(Storage.prototype, "getItem");
    const setItem = vi.spyOn(Storage.prototype, "setItem");
    track();
    track({ storage: localStorageBackend() });
    expect(getItem).not.toHaveBeenCalled();
    expect(setItem).not.toHaveBeenCalled();
  });

  it("thousands of subscribe/unsubscribe cycles leave no listener behind", async () => {
    const { session } = track();
    const kept = vi.fn();
    session.subscribe(kept);
    const dropped = vi.fn();
    for (let i = 0; i < 5000; i++) session.subscribe(dropped)();
    await session.refresh();
    expect(dropped).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledTimes(1);
  });

  it("an unsubscribe called twice removes only its own listener", async () => {
    const { session } = track();
    const a = vi.fn();
    const listener = vi.fn();
    const stop = session.subscribe(listener);
    session.subscribe(a);
    stop();
    stop();
    await session.refresh();
    expect(a).toHaveBeenCalledTimes(1);
    expect(listener).not.toHaveBeenCalled();
  });

  it("a change made after the last get() and before the first subscribe, which no listener heard, is seen once subscribed", () => {
    const { session, codes } = track({ storage: localStorageBackend() });
    const first = session.get();
    // Another tab rotates while this one listens to nothing (React renders, then subscribes).
    const next = "B".repeat(21);
    otherTabWrites("sessionid", `${next}.5`);
    const listener = vi.fn();
    session.subscribe(listener);
    expect(first).not.toBe(next);
    expect(session.get()).toBe(next);
    // A subscriber that read get() before subscribing is told too.
    expect(listener.mock.calls).toEqual([[next]]);
    expect(codes()).toEqual([]);
  });

  it("the same for per-tab storage another instance of the tab wrote to", () => {
    const { session } = track();
    session.get();
    const next = "C".repeat(21);
    sessionStorage.setItem("sessionid", `${next}.3`);
    session.subscribe(() => {});
    expect(session.get()).toBe(next);
  });

  it("the same with an async backend, also while a get()'s background read of the older value is still on its way", async () => {
    const values = new Map<string, string>();
    const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 5));
    const { session } = track({
      storage: {
        get: (key) => later(values.get(key) ?? null),
        set: async (key, value) => void values.set(key, value),
        remove: async (key) => void values.delete(key),
      },
    });
    await session.ready();
    // A background read: it has taken the value storage holds now and answers 5 ms later.
    session.get();
    const next = "D".repeat(21);
    values.set("sessionid", `${next}.4`);
    const listener = vi.fn();
    session.subscribe(listener);
    await vi.waitFor(() => expect(session.get()).toBe(next));
    expect(listener.mock.calls).toEqual([[next]]);
  });

  it("a removal made before the first subscribe is repaired once subscribed, as one heard while subscribed is", async () => {
    const perTab = track().session;
    const shared = track({ storage: localStorageBackend(), key: "shared" }).session;
    const perTabId = perTab.get()!;
    const sharedId = shared.get()!;
    sessionStorage.removeItem("sessionid");
    localStorage.removeItem("shared");
    perTab.subscribe(() => {});
    shared.subscribe(() => {});
    expect(sessionStorage.getItem("sessionid")).toContain(perTabId);
    await vi.waitFor(() => expect(localStorage.getItem("shared")).toContain(sharedId));
    expect([perTab.get(), shared.get()]).toEqual([perTabId, sharedId]);
  });

  it("a listener the first subscribe's catch-up calls may subscribe again or dispose the session: nothing is left listening", () => {
    for (const lifetime of [undefined, sessionLifetime({ idleTimeout: 60_000 })]) {
      for (const during of ["subscribe", "dispose"] as const) {
        const base = localStorageBackend();
        let live = 0;
        const counted = {
          ...base,
          subscribe(key: string, onChange: (value: string | null | undefined) => void) {
            const stop = base.subscribe!(key, onChange);
            live++;
            return () => {
              live--;
              stop();
            };
          },
        };
        const { session } = track({ storage: counted, lifetime });
        session.get();
        // Another tab rotates before the first subscribe: its catch-up read tells the listener.
        otherTabWrites("sessionid", `${"E".repeat(21)}.7`);
        let inner: (() => void) | undefined;
        const outer = session.subscribe(() => {
          if (during == "dispose") session.dispose();
          else inner ??= session.subscribe(() => {});
        });
        expect(session.get()).toBe("E".repeat(21));
        outer();
        inner?.();
        session.dispose();
        expect({ lifetime: !!lifetime, during, live }).toEqual({ lifetime: !!lifetime, during, live: 0 });
        localStorage.clear();
      }
    }
  });

  it("subscribe does not call the listener at once", () => {
    const { session } = track();
    const listener = vi.fn();
    session.subscribe(listener);
    expect(listener).not.toHaveBeenCalled();
  });

  it("a subscriber removed by another subscriber's listener is not told of the change being told (as with EventTarget), with or without a lifetime", async () => {
    for (const lifetime of [undefined, sessionLifetime({ idleTimeout: 60_000 })]) {
      const { session } = track({ storage: localStorageBackend(), lifetime });
      session.get();
      const removed = vi.fn();
      let stopRemoved = () => {};
      // The first subscriber's change unmounts the part the second one belongs to.
      session.subscribe(() => stopRemoved());
      stopRemoved = session.subscribe(removed);
      const next = await session.refresh();
      await vi.waitFor(() => expect(session.get()).toBe(next));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(removed).not.toHaveBeenCalled();
      session.dispose();
      localStorage.clear();
    }
  });

  it("methods are pre-bound: they work detached from the session object", async () => {
    const { session } = track();
    const { get, subscribe, refresh, ready } = session;
    const listener = vi.fn();
    subscribe(listener);
    const next = await refresh();
    expect(get()).toBe(next);
    await expect(ready()).resolves.toBe(next);
    expect(listener).toHaveBeenCalledWith(next);
  });
});
