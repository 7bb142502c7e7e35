import { describe, expect, it, vi } from "vitest";
import { otherTabWrites, track } from "./helpers.ts";

describe("lifecycle", () => {
  it("dispose() removes every listener, channel and event handler it created", () => {
    const added = new Map<string, number>();
    const count = (type: string, delta: number) => added.set(type, (added.get(type) ?? 0) + delta);
    const add = window.addEventListener.bind(window);
    const remove = window.removeEventListener.bind(window);
    vi.spyOn(window, "addEventListener").mockImplementation((type, ...rest) => (count(type, 1), add(type, ...rest)));
    vi.spyOn(window, "removeEventListener").mockImplementation((type, ...rest) => (count(type, -1), remove(type, ...rest)));
    const close = vi.spyOn(BroadcastChannel.prototype, "close");
    const local = track({ storage: "local" }).session;
    const perTab = track().session;
    expect(added.get("storage")).toBe(2);
    expect(added.get("pageshow")).toBe(1);
    local.dispose();
    perTab.dispose();
    expect([...added.values()].every((live) => live == 0)).toBe(true);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it("after dispose, other tabs' changes no longer reach it or its old subscribers", () => {
    const { session } = track({ storage: "local" });
    const heard = vi.fn();
    session.subscribe(heard);
    const id = session.get();
    session.dispose();
    otherTabWrites("sessionid", "other-tab-rotated-0001");
    expect(session.get()).toBe(id);
    expect(heard).not.toHaveBeenCalled();
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

  it("subscribe does not call the listener at once", () => {
    const { session } = track();
    const listener = vi.fn();
    session.subscribe(listener);
    expect(listener).not.toHaveBeenCalled();
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
