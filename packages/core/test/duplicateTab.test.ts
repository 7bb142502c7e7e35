import { describe, expect, it, vi } from "vitest";
import { memoryBackend, tabScope, type StorageBackend } from "../src/index.ts";
import { idOf, track } from "./helpers.ts";

/**
 * A tab's own per-tab storage, holding what a copied tab inherited. (jsdom has one
 * sessionStorage for every "tab": the open-flag the core keeps there stands for the one each
 * tab's sessionStorage would hold, copied along with the ID.)
 */
const tabStorage = (copied?: string): StorageBackend & { value(): string | undefined } => {
  const storage = { ...memoryBackend(), scope: tabScope };
  if (copied) storage.set("sessionid", copied);
  return { ...storage, value: () => idOf(storage.get("sessionid") as string | undefined) ?? undefined };
};

/** Sessions made after this live in another document (another timeOrigin), as after a copy or a reload. */
let documents = 0;
const realOrigin = performance.timeOrigin;
const inAnotherDocument = () => vi.spyOn(performance, "timeOrigin", "get").mockReturnValue(realOrigin + ++documents);
const leaveDocument = (persisted = false) => dispatchEvent(new PageTransitionEvent("pagehide", { persisted }));

describe("a tab copied from a live tab (duplicated, or window.open)", () => {
  it("moves to its own ID at once: not even the first get() or a subscriber sees the copied ID", () => {
    const opener = track({ storage: tabStorage() }).session;
    const shared = opener.get()!;
    inAnotherDocument();
    const storage = tabStorage(shared);
    const copy = track({ storage }).session;
    const heard = vi.fn();
    copy.subscribe(heard);
    const own = copy.get();
    expect(own).toBeDefined();
    expect(own).not.toBe(shared);
    expect(storage.value()).toBe(own);
    expect(heard).not.toHaveBeenCalledWith(shared);
    expect(opener.get()).toBe(shared);
  });

  it("with onDuplicate, shows no ID until onDuplicate(next, previous, signal) settled, then its own", async () => {
    const shared = track({ storage: tabStorage() }).session.get()!;
    inAnotherDocument();
    let finish!: () => void;
    const onDuplicate = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const copy = track({ storage: tabStorage(shared), onDuplicate }).session;
    expect(copy.get()).toBeUndefined();
    expect(onDuplicate).toHaveBeenCalledWith(expect.any(String), shared, expect.any(AbortSignal));
    const next = (onDuplicate.mock.calls[0] as unknown as [string])[0];
    finish();
    await expect(copy.ready()).resolves.toBe(next);
    expect(copy.get()).toBe(next);
  });

  it("when onDuplicate throws, still moves to its own ID and reports duplicate-tab", async () => {
    const shared = track({ storage: tabStorage() }).session.get()!;
    inAnotherDocument();
    const { session: copy, codes } = track({
      storage: tabStorage(shared),
      onDuplicate: () => {
        throw new Error("copy failed");
      },
    });
    const id = await copy.ready();
    expect(id).not.toBe(shared);
    expect(codes()).toEqual(["duplicate-tab"]);
  });
});

describe("what is not a copy", () => {
  it("a reload (pagehide, then a new document over the same storage) keeps the ID", () => {
    const storage = tabStorage();
    const id = track({ storage }).session.get()!;
    leaveDocument();
    inAnotherDocument();
    const onDuplicate = vi.fn();
    expect(track({ storage, onDuplicate }).session.get()).toBe(id);
    expect(onDuplicate).not.toHaveBeenCalled();
  });

  it("a back/forward restore keeps the ID, and a copy made after it is still told apart", () => {
    const storage = tabStorage();
    const id = track({ storage }).session.get()!;
    leaveDocument(true);
    dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
    inAnotherDocument();
    expect(track({ storage: tabStorage(id) }).session.get()).not.toBe(id);
  });

  it("a second session in the same document", () => {
    const a = track().session;
    const onDuplicate = vi.fn();
    const b = track({ onDuplicate }).session;
    expect(b.get()).toBe(a.get());
    expect(onDuplicate).not.toHaveBeenCalled();
  });

  it("a tab the browser discarded and restored (document.wasDiscarded: no pagehide ran)", () => {
    const storage = tabStorage();
    const id = track({ storage }).session.get()!;
    inAnotherDocument();
    Object.defineProperty(document, "wasDiscarded", { value: true, configurable: true });
    try {
      expect(track({ storage }).session.get()).toBe(id);
    } finally {
      delete (document as { wasDiscarded?: boolean }).wasDiscarded;
    }
  });
});
