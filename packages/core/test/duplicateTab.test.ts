import { describe, expect, it, vi } from "vitest";
import { memoryBackend, type StorageBackend } from "../src/index.ts";
import { track } from "./helpers.ts";

/** A tab's own sessionStorage (jsdom has one for all), holding what a duplicated tab copied. */
const tabStorage = (copied?: string): StorageBackend => {
  const storage = { ...memoryBackend(), scope: "tab" as const };
  if (copied) storage.set("sessionid", copied);
  return storage;
};

/** Sessions made after this look as if they live in another, newer tab (another document's timeOrigin). */
let tabs = 0;
const realOrigin = performance.timeOrigin;
const inAnotherTab = () => vi.spyOn(performance, "timeOrigin", "get").mockReturnValue(realOrigin + ++tabs);

/**
 * Proof that the handshake ran: a probe tab holding a copy of `id` is told apart and moves. Only
 * after that is it meaningful to check that something else did not move.
 */
const probeMoves = async (id: string) => {
  inAnotherTab();
  const probe = track({ storage: tabStorage(id) }).session;
  await vi.waitFor(() => expect(probe.get()).not.toBe(id));
};

describe("duplicated tabs (sessionStorage copied into a new tab), over a real BroadcastChannel", () => {
  it("moves the duplicate to a new ID and calls onDuplicate(next, previous) before committing", async () => {
    const original = track({ storage: tabStorage() }).session;
    const shared = original.get()!;
    inAnotherTab();
    const onDuplicate = vi.fn();
    const duplicate = track({ storage: tabStorage(shared), onDuplicate }).session;
    expect(duplicate.get()).toBe(shared);
    await vi.waitFor(() => expect(duplicate.get()).not.toBe(shared));
    expect(onDuplicate).toHaveBeenCalledWith(duplicate.get(), shared);
    expect(original.get()).toBe(shared);
  });

  it("does not count a second session in the same tab (same document) as a duplicate", async () => {
    const a = track().session;
    const onDuplicate = vi.fn();
    const b = track({ onDuplicate }).session;
    await probeMoves(a.get()!);
    expect(b.get()).toBe(a.get());
    expect(onDuplicate).not.toHaveBeenCalled();
  });

  it("does not count a tab with another ID (a reload finds nobody holding its ID)", async () => {
    const a = track({ storage: tabStorage() }).session;
    inAnotherTab();
    const onDuplicate = vi.fn();
    const b = track({ storage: tabStorage("a-different-tab-id-0001"), onDuplicate }).session;
    await probeMoves(a.get()!);
    await probeMoves("a-different-tab-id-0001");
    expect(b.get()).toBe("a-different-tab-id-0001");
    expect(a.get()).not.toBe(b.get());
    expect(onDuplicate).not.toHaveBeenCalled();
  });

  it("keeps the shared ID and reports when onDuplicate throws", async () => {
    const original = track({ storage: tabStorage() }).session;
    inAnotherTab();
    const { session: duplicate, codes } = track({
      storage: tabStorage(original.get()),
      onDuplicate: () => {
        throw new Error("copy failed");
      },
    });
    await vi.waitFor(() => expect(codes()).toEqual(["duplicate-tab"]));
    expect(duplicate.get()).toBe(original.get());
  });
});

describe("duplicated tabs starting at the same moment", () => {
  it("only the newer document moves; the older keeps its ID", async () => {
    const older = track({ storage: tabStorage("copied-into-both-00001") }).session;
    inAnotherTab();
    const newer = track({ storage: tabStorage("copied-into-both-00001") }).session;
    await vi.waitFor(() => expect(newer.get()).not.toBe("copied-into-both-00001"));
    await probeMoves("copied-into-both-00001");
    expect(older.get()).toBe("copied-into-both-00001");
  });

  it("ignores malformed messages on its channel", async () => {
    const { session, codes } = track({ storage: tabStorage() });
    const stranger = new BroadcastChannel("sessionid:sessionid");
    stranger.postMessage(null);
    stranger.postMessage({ q: session.get(), t: "a stranger" });
    const answer = await new Promise((resolve) => (stranger.onmessage = ({ data }) => data?.a && resolve(data)));
    stranger.close();
    expect(answer).toEqual({ a: session.get(), t: performance.timeOrigin });
    expect(codes()).toEqual([]);
  });
});
