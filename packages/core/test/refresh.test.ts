import { describe, expect, it, vi } from "vitest";
import { isSessionId, type SessionId } from "../src/index.ts";
import { track, storedId } from "./helpers.ts";

describe("refresh", () => {
  it("rotates to a new valid ID, persists it, and tells each subscriber once", async () => {
    const { session } = track();
    const before = session.get();
    const heard = vi.fn();
    session.subscribe(heard);
    const next = await session.refresh();
    expect(next).not.toBe(before);
    expect(isSessionId(next)).toBe(true);
    expect(session.get()).toBe(next);
    expect(storedId(sessionStorage, "sessionid")).toBe(next);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(heard).toHaveBeenCalledWith(next);
  });

  it("runs the callback with the next and previous IDs before committing", async () => {
    const { session } = track();
    const previous = session.get();
    let seen: unknown[] = [];
    const next = await session.refresh((nextId, previousId) => {
      seen = [nextId, previousId, session.get(), storedId(sessionStorage, "sessionid")];
    });
    expect(seen).toEqual([next, previous, previous, previous]);
  });

  it("awaits an async callback before committing", async () => {
    const { session } = track();
    const previous = session.get();
    let release: (() => void) | undefined;
    const pending = session.refresh(() => new Promise<void>((resolve) => (release = resolve)));
    await vi.waitFor(() => expect(release).toBeDefined());
    expect(session.get()).toBe(previous);
    release!();
    const next = await pending;
    expect(session.get()).toBe(next);
  });

  it("aborts when the callback throws: the error reaches the caller, the old ID stays, nothing is persisted or heard", async () => {
    const { session } = track();
    const previous = session.get();
    const heard = vi.fn();
    session.subscribe(heard);
    const failure = new Error("transfer failed");
    await expect(session.refresh(() => Promise.reject(failure))).rejects.toBe(failure);
    await expect(
      session.refresh(() => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(session.get()).toBe(previous);
    expect(storedId(sessionStorage, "sessionid")).toBe(previous);
    expect(heard).not.toHaveBeenCalled();
  });

  it("serialises concurrent refreshes: callbacks never interleave and each sees the ID that is current then", async () => {
    const { session } = track();
    const first = session.get();
    const log: string[] = [];
    const seen: (SessionId | undefined)[] = [];
    const step = (name: string) => async (_next: SessionId, previous: SessionId | undefined) => {
      log.push(`${name} start`);
      seen.push(previous);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`${name} end`);
    };
    const [a, b, c] = await Promise.all([
      session.refresh(step("a")),
      session.refresh(step("b")),
      session.refresh(step("c")),
    ]);
    expect(log).toEqual(["a start", "a end", "b start", "b end", "c start", "c end"]);
    expect(seen).toEqual([first, a, b]);
    expect(session.get()).toBe(c);
  });

  it("goes on after a failed refresh in the queue", async () => {
    const { session } = track();
    const failed = session.refresh(() => {
      throw new Error("no");
    });
    const ok = session.refresh();
    await expect(failed).rejects.toThrow("no");
    expect(session.get()).toBe(await ok);
  });
});

describe("refresh callbacks that never settle", () => {
  it("after refreshTimeout the callback's signal aborts, refresh rejects with refresh-timeout, nothing changes, and the queue goes on", async () => {
    const { session } = track({ refreshTimeout: 30 });
    const id = session.get();
    let signal: AbortSignal | undefined;
    const stuck = session.refresh((_next, _previous, given) => {
      signal = given;
      return new Promise(() => {});
    });
    const after = session.refresh();
    await expect(stuck).rejects.toMatchObject({ code: "refresh-timeout", message: expect.stringContaining("30 ms") });
    expect(signal?.aborted).toBe(true);
    expect((signal?.reason as { code?: string }).code).toBe("refresh-timeout");
    const next = await after;
    expect(next).not.toBe(id);
    expect(session.get()).toBe(next);
  });

  it("a callback that settles in time never sees its signal abort", async () => {
    const { session } = track({ refreshTimeout: 1000 });
    let signal: AbortSignal | undefined;
    await session.refresh((_next, _previous, given) => void (signal = given));
    expect(signal?.aborted).toBe(false);
  });
});
