// Session lifetime (@sessionid/core/lifetime): idle timeout, maximum age, sessions the server
// ended. Fake timers and a fake clock: Date is the wall clock, performance.now() the page's
// monotonic one, and they can be moved apart (a clock set back or forward, a machine asleep).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  browserScope,
  createSession,
  localStorageBackend,
  memoryBackend,
  sessionFetch,
  sessionStorageBackend,
  withSessionId,
  type Session,
  type SessionId,
  type StorageBackend,
} from "../src/index.ts";
import { decodeActivity, encodeActivity } from "../src/activityStore.ts";
import { generateSessionId } from "../src/generateSessionId.ts";
import { isSessionId } from "../src/isSessionId.ts";
import { sessionLifetime, type LifetimeOptions } from "../src/sessionLifetime.ts";
import { errorText, storedId, track } from "./helpers.ts";

const minutes = (count: number) => count * 60_000;
const idle30 = { idleTimeout: minutes(30) } satisfies LifetimeOptions;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date", "performance"] });
  vi.setSystemTime(new Date("2026-12-01T10:00:00Z"));
});
afterEach(() => {
  vi.useRealTimers();
});

/** Lets the session's storage reads and promises settle, without moving any clock. */
const settle = async () => {
  for (let turn = 0; turn < 50; turn++) await Promise.resolve();
};

/** A fetch that records the session ID header of every call. */
const recordingFetch = (status = 200) => {
  const sent: string[] = [];
  const fetch = vi.fn(async (_input: unknown, init?: RequestInit) => {
    sent.push(new Headers(init?.headers).get("X-Session-Id")!);
    return new Response("{}", { status });
  });
  return { sent, fetch: fetch as unknown as typeof globalThis.fetch };
};

/** A session with a lifetime on the shared localStorage: one tab of the browser. */
const openTab = (options?: LifetimeOptions) => track({ storage: localStorageBackend(), lifetime: sessionLifetime(options) }).session;

/** The wall clock moves by `ms` and nothing else: a clock set forward (or back), or a sleep. */
const wallClockJumps = (ms: number) => vi.setSystemTime(Date.now() + ms);

describe("idle timeout", () => {
  it("after idleTimeout without activity the next call sends a new ID; onExpire hears the old one, once", async () => {
    const onExpire = vi.fn();
    const { session } = track({ storage: localStorageBackend(), lifetime: sessionLifetime({ ...idle30, onExpire }) });
    const first = await session.ready();
    const { sent, fetch } = recordingFetch();
    const api = sessionFetch(session, { fetch });
    await api("/cart");
    await vi.advanceTimersByTimeAsync(minutes(31));
    await api("/cart");
    expect(sent[0]).toBe(first);
    expect(sent[1]).not.toBe(first);
    expect(session.get()).toBe(sent[1]);
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(onExpire.mock.calls[0]!.slice(0, 2)).toEqual([first, sent[1]]);
    expect(onExpire.mock.calls[0]![2]).toBeInstanceOf(AbortSignal);
  });

  it("activity (touch, or any call a helper sends) keeps it alive; it ends idleTimeout after the last", async () => {
    const { session } = track({ storage: localStorageBackend(), lifetime: sessionLifetime(idle30) });
    const first = await session.ready();
    const { sent, fetch } = recordingFetch();
    const api = sessionFetch(session, { fetch });
    const call = withSessionId(session, async (args: { sessionId: string }) => args.sessionId);
    await vi.advanceTimersByTimeAsync(minutes(20));
    session.touch!();
    await vi.advanceTimersByTimeAsync(minutes(20));
    await api("/a");
    await vi.advanceTimersByTimeAsync(minutes(20));
    expect(await call()).toBe(first);
    await vi.advanceTimersByTimeAsync(minutes(29));
    expect(await call()).toBe(first);
    await vi.advanceTimersByTimeAsync(minutes(30));
    const next = await call();
    expect(next).not.toBe(first);
    expect(sent).toEqual([first]);
  });

  it("touch() on an expired session does not bring it back: it rotates", async () => {
    const { session } = track({ storage: localStorageBackend(), lifetime: sessionLifetime(idle30) });
    const first = await session.ready();
    await vi.advanceTimersByTimeAsync(minutes(31));
    session.touch!();
    await settle();
    await vi.waitFor(() => expect(session.get()).not.toBe(first));
  });

  it("a subscribed session rotates at the deadline by itself, and its subscribers hear the new ID", async () => {
    const { session } = track({ storage: localStorageBackend(), lifetime: sessionLifetime(idle30) });
    const first = await session.ready();
    const heard = vi.fn();
    session.subscribe(heard);
    await vi.advanceTimersByTimeAsync(minutes(29));
    expect(heard).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(minutes(2));
    expect(heard).toHaveBeenCalledTimes(1);
    expect(heard.mock.calls[0]![0]).not.toBe(first);
  });

  it("on waking (visibilitychange, pageshow) it is checked at once: a machine that slept past the timeout rotates before any timer fires", async () => {
    const { session } = track({ storage: localStorageBackend(), lifetime: sessionLifetime(idle30) });
    const first = await session.ready();
    const heard = vi.fn();
    session.subscribe(heard);
    await settle();
    // Asleep: timers and the monotonic clock stood still (Chromium on Linux), the wall clock did not.
    wallClockJumps(minutes(45));
    document.dispatchEvent(new Event("visibilitychange"));
    await settle();
    await vi.waitFor(() => expect(heard).toHaveBeenCalledTimes(1));
    expect(session.get()).not.toBe(first);

    const second = session.get();
    wallClockJumps(minutes(45));
    window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
    await vi.waitFor(() => expect(heard).toHaveBeenCalledTimes(2));
    expect(session.get()).not.toBe(second);
  });

  it("a wall clock set back does not extend it: the page's monotonic clock still counts", async () => {
    const { session } = track({ storage: localStorageBackend(), lifetime: sessionLifetime(idle30) });
    const first = await session.ready();
    const call = withSessionId(session, async (args: { sessionId: string }) => args.sessionId);
    await vi.advanceTimersByTimeAsync(minutes(10));
    wallClockJumps(-minutes(60));
    await vi.advanceTimersByTimeAsync(minutes(21));
    expect(await call()).not.toBe(first);
  });

  it("a wall clock set forward ends it, as a sleep that long would (a page cannot tell the two apart)", async () => {
    const { session } = track({ storage: localStorageBackend(), lifetime: sessionLifetime(idle30) });
    const first = await session.ready();
    const call = withSessionId(session, async (args: { sessionId: string }) => args.sessionId);
    await vi.advanceTimersByTimeAsync(minutes(1));
    wallClockJumps(minutes(28));
    expect(await session.ready()).toBe(first);
    wallClockJumps(minutes(2));
    expect(await call()).not.toBe(first);
  });
});

describe("maximum age", () => {
  it("ends the session maxAge after its ID was made, however active", async () => {
    const { session } = track({ storage: localStorageBackend(), lifetime: sessionLifetime({ ...idle30, maxAge: minutes(120) }) });
    const first = await session.ready();
    const call = withSessionId(session, async (args: { sessionId: string }) => args.sessionId);
    for (let step = 0; step < 11; step++) {
      await vi.advanceTimersByTimeAsync(minutes(10));
      expect(await call()).toBe(first);
    }
    await vi.advanceTimersByTimeAsync(minutes(11));
    expect(await call()).not.toBe(first);
  });

  it("a refresh (log-in) starts a new ID's age", async () => {
    const { session } = track({ storage: localStorageBackend(), lifetime: sessionLifetime({ maxAge: minutes(60) }) });
    await session.ready();
    const call = withSessionId(session, async (args: { sessionId: string }) => args.sessionId);
    await vi.advanceTimersByTimeAsync(minutes(50));
    const loggedIn = await session.refresh();
    await vi.advanceTimersByTimeAsync(minutes(50));
    expect(await call()).toBe(loggedIn);
    await vi.advanceTimersByTimeAsync(minutes(11));
    expect(await call()).not.toBe(loggedIn);
  });
});

describe("onExpire", () => {
  it("a failing onExpire is reported (expire-callback, no ID in it) and the session rotates anyway", async () => {
    const { session, errors, codes } = track({
      storage: localStorageBackend(),
      lifetime: sessionLifetime({ ...idle30, onExpire: (expired) => Promise.reject(new Error(`cannot end ${expired}`)) }),
    });
    const first = await session.ready();
    await vi.advanceTimersByTimeAsync(minutes(31));
    const call = withSessionId(session, async (args: { sessionId: string }) => args.sessionId);
    expect(await call()).not.toBe(first);
    expect(codes()).toEqual(["expire-callback"]);
    expect(errorText(errors)).not.toContain(first);
  });

  it("an onExpire that never settles: calls reject with session-expired and never send the expired ID; the next check rotates", async () => {
    let hang = true;
    const { session, codes } = track({
      storage: localStorageBackend(),
      refreshTimeout: 5000,
      lifetime: sessionLifetime({ ...idle30, onExpire: () => (hang ? new Promise(() => {}) : undefined) }),
    });
    const first = await session.ready();
    const { sent, fetch } = recordingFetch();
    const api = sessionFetch(session, { fetch });
    await vi.advanceTimersByTimeAsync(minutes(31));
    const call = api("/cart");
    const failed = expect(call).rejects.toMatchObject({ code: "session-expired" });
    await vi.advanceTimersByTimeAsync(5000);
    await failed;
    expect(sent).toEqual([]);
    expect(codes()).toContain("refresh-timeout");
    // Not shown either, while it cannot rotate: what reads get() (sessionArgs) sends nothing.
    expect(session.get()).toBeUndefined();
    hang = false;
    await api("/cart");
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toBe(first);
  });
});

describe("across tabs (browser-wide storage)", () => {
  // Two sessions on one localStorage: two tabs of one browser (they hear each other's writes).
  it("activity in one tab keeps the session alive in the other", async () => {
    const a = openTab(idle30);
    const b = openTab(idle30);
    const first = await a.ready();
    expect(await b.ready()).toBe(first);
    const inA = withSessionId(a, async (args: { sessionId: string }) => args.sessionId);
    const inB = withSessionId(b, async (args: { sessionId: string }) => args.sessionId);
    for (let step = 0; step < 6; step++) {
      await vi.advanceTimersByTimeAsync(minutes(10));
      expect(await inA()).toBe(first);
    }
    // B has been idle for an hour; A was active ten minutes ago.
    expect(await inB()).toBe(first);
  });

  it("an expiry rotates once for the browser: one onExpire call, every tab on the same new ID", async () => {
    const onExpire = vi.fn();
    const tabs = [0, 1, 2].map(() => openTab({ ...idle30, onExpire }));
    const first = await tabs[0]!.ready();
    for (const tab of tabs) tab.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(minutes(31));
    await settle();
    const ids = new Set(tabs.map((tab) => tab.get()));
    expect(ids.size).toBe(1);
    expect(ids.has(first)).toBe(false);
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(storedId(localStorage, "sessionid")).toBe(tabs[0]!.get());
  });

  it("a reload keeps counting: the next page of the tab reads the stored activity", async () => {
    const page = openTab(idle30);
    const first = await page.ready();
    await vi.advanceTimersByTimeAsync(minutes(20));
    page.dispose();
    const reloaded = openTab(idle30);
    const call = withSessionId(reloaded, async (args: { sessionId: string }) => args.sessionId);
    await vi.advanceTimersByTimeAsync(minutes(5));
    expect(await call()).toBe(first);
    await vi.advanceTimersByTimeAsync(minutes(31));
    expect(await call()).not.toBe(first);
  });

  it("activity is written at most every activityInterval per tab", async () => {
    const writes: string[] = [];
    const counting: StorageBackend = {
      ...localStorageBackend(),
      set(key, value) {
        writes.push(key);
        localStorage.setItem(key, value);
      },
    };
    const { session } = track({ storage: counting, lifetime: sessionLifetime({ ...idle30, activityInterval: 5000 }) });
    await session.ready();
    const before = writes.filter((key) => key == "sessionid:lifetime").length;
    for (let step = 0; step < 100; step++) {
      session.touch!();
      await vi.advanceTimersByTimeAsync(100);
    }
    // 10 seconds of touches every 100 ms: two or three writes (one per 5 s, and the last), not a hundred.
    await vi.advanceTimersByTimeAsync(5000);
    const written = writes.filter((key) => key == "sessionid:lifetime").length - before;
    expect(written).toBeGreaterThanOrEqual(2);
    expect(written).toBeLessThanOrEqual(3);
  });
});

describe("edges: clocks set back, reloads, dispose, the throttle, async and failing backends", () => {
  it("a wall clock set back: another tab's record written before it does not revive an expired session", async () => {
    const a = openTab(idle30);
    const b = openTab(idle30);
    const first = await a.ready();
    expect(await b.ready()).toBe(first);
    await vi.advanceTimersByTimeAsync(minutes(9));
    await withSessionId(a, async (_args: { sessionId: string }) => {})();
    wallClockJumps(-minutes(60));
    await vi.advanceTimersByTimeAsync(minutes(31));
    // Nobody was active for 31 minutes: B must not send the ID (its record from A is "in the future").
    expect(await withSessionId(b, async (args: { sessionId: string }) => args.sessionId)()).not.toBe(first);
  });

  it("after a reload past the idle timeout, get() never shows the expired ID (sessionArgs sends nothing)", async () => {
    const page = openTab(idle30);
    const first = await page.ready();
    page.dispose();
    await vi.advanceTimersByTimeAsync(minutes(31));
    const reloaded = openTab(idle30);
    expect(reloaded.get()).not.toBe(first);
    await vi.waitFor(() => expect(reloaded.get()).toBeTypeOf("string"));
    expect(reloaded.get()).not.toBe(first);
  });

  it("subscribing after dispose goes nowhere: no listener, no timer, nothing reported", async () => {
    const { session, codes } = track({ storage: localStorageBackend(), lifetime: sessionLifetime(idle30) });
    await session.ready();
    session.dispose();
    const added = vi.spyOn(window, "addEventListener");
    session.subscribe(() => {});
    session.touch!();
    session.get();
    await vi.advanceTimersByTimeAsync(minutes(60));
    expect(added).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    expect(codes()).toEqual([]);
  });

  it("the last activity is written after the throttle, so other tabs see it", async () => {
    const a = openTab({ ...idle30, activityInterval: 5000 });
    const b = openTab(idle30);
    const first = await a.ready();
    await b.ready();
    a.touch!();
    await vi.advanceTimersByTimeAsync(1000);
    // Within the interval of the last write: not written now, but 4 seconds later.
    a.touch!();
    await vi.advanceTimersByTimeAsync(minutes(30) - 500);
    expect(await withSessionId(b, async (args: { sessionId: string }) => args.sessionId)()).toBe(first);
  });

  it("an async backend (IndexedDB-like): get() shows no ID until the activity is read, subscribers then hear it; expiry works", async () => {
    const values = new Map<string, string>();
    const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 5));
    const asyncBackend: StorageBackend = {
      get: (key) => later(values.get(key) ?? null),
      set: (key, value) => later(void values.set(key, value)),
      remove: (key) => later(void values.delete(key)),
    };
    const { session, codes } = track({ storage: asyncBackend, lifetime: sessionLifetime(idle30) });
    const heard = vi.fn();
    session.subscribe(heard);
    expect(session.get()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(50);
    const first = session.get();
    expect(first).toBeTypeOf("string");
    expect(heard).toHaveBeenCalledWith(first);
    expect(values.get("sessionid:lifetime")).toMatch(new RegExp(`^${first}\\.`));
    await vi.advanceTimersByTimeAsync(minutes(31));
    expect(session.get()).toBeTypeOf("string");
    expect(session.get()).not.toBe(first);
    expect(codes()).toEqual([]);
  });

  it("a record backend that throws is reported once per kind, without an ID, and the lifetime still works from memory", async () => {
    const failing = (fail: "get" | "set"): StorageBackend => ({
      ...localStorageBackend(),
      get(key) {
        if (fail == "get" && key.endsWith(":lifetime")) throw new Error(`no read of ${key}`);
        return localStorage.getItem(key);
      },
      set(key, value) {
        if (fail == "set" && key.endsWith(":lifetime")) throw new Error(`cannot store ${value}`);
        localStorage.setItem(key, value);
      },
    });
    for (const [fail, code] of [["get", "storage-unavailable"], ["set", "storage-write"]] as const) {
      localStorage.clear();
      const { session, codes, errors } = track({ storage: failing(fail), lifetime: sessionLifetime(idle30) });
      const first = await session.ready();
      const call = withSessionId(session, async (args: { sessionId: string }) => args.sessionId);
      expect(await call()).toBe(first);
      await vi.advanceTimersByTimeAsync(minutes(31));
      expect(await call()).not.toBe(first);
      expect(codes()).toEqual([code]);
      expect(errorText(errors)).not.toContain(first);
      session.dispose();
    }
  });
});

describe("edges found by a second review (each failed before its fix)", () => {
  it("a reader that read get() while it hid the ID, then subscribed, is told when another tab's activity shows it alive", async () => {
    const a = openTab(idle30);
    const b = openTab(idle30);
    const first = await a.ready();
    expect(await b.ready()).toBe(first);
    await vi.advanceTimersByTimeAsync(minutes(20));
    b.touch!();
    await vi.advanceTimersByTimeAsync(minutes(15));
    // As Svelte's sessionIdStore does: read once, then subscribe.
    let shown = a.get();
    a.subscribe((id) => (shown = id));
    await vi.advanceTimersByTimeAsync(1000);
    expect(a.get()).toBe(first);
    expect(shown).toBe(first);
  });

  it("an async record read slower than a second is waited for: an expired session is not brought back, nor its record overwritten", async () => {
    const first = "V1StGXR8_Z5jdHi6B-myT";
    const old = encodeActivity({ id: first as SessionId, started: Date.now() - minutes(120), active: Date.now() - minutes(120) });
    const values = new Map([["sessionid", `${first}.1`], ["sessionid:lifetime", old]]);
    const slow: StorageBackend = {
      get: (key) => new Promise((resolve) => setTimeout(() => resolve(values.get(key) ?? null), key.endsWith(":lifetime") ? 1500 : 5)),
      set: async (key, value) => void values.set(key, value),
      remove: async (key) => void values.delete(key),
    };
    const { session } = track({ storage: slow, lifetime: sessionLifetime(idle30) });
    const sent = withSessionId(session, async (args: { sessionId: string }) => args.sessionId)();
    await vi.advanceTimersByTimeAsync(1000);
    expect(values.get("sessionid:lifetime")).toBe(old);
    // Each read takes 1.5 seconds: the first, the re-read before expiring, the one under the
    // refresh, and the new ID's.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await sent).not.toBe(first);
  });

  it("a record read that never answers is reported (storage-timeout) and the tab goes on from what it knows, writing nothing over it", async () => {
    const values = new Map<string, string>();
    const hanging: StorageBackend = {
      get: (key) => (key.endsWith(":lifetime") ? new Promise(() => {}) : Promise.resolve(values.get(key) ?? null)),
      set: async (key, value) => void values.set(key, value),
      remove: async (key) => void values.delete(key),
    };
    const { session, codes } = track({ storage: hanging, lifetime: sessionLifetime(idle30) });
    const sent = withSessionId(session, async (args: { sessionId: string }) => args.sessionId)();
    await vi.advanceTimersByTimeAsync(11_000);
    expect(await sent).toBeTypeOf("string");
    expect(codes()).toEqual(["storage-timeout"]);
    expect(values.has("sessionid:lifetime")).toBe(false);
  });

  it("ready() does not answer an expired ID either while it cannot rotate", async () => {
    const { session } = track({
      storage: localStorageBackend(),
      refreshTimeout: 5000,
      lifetime: sessionLifetime({ ...idle30, onExpire: () => new Promise(() => {}) }),
    });
    await session.ready();
    await vi.advanceTimersByTimeAsync(minutes(31));
    const ready = expect(session.ready()).rejects.toMatchObject({ code: "session-expired" });
    await vi.advanceTimersByTimeAsync(5000);
    await ready;
  });
});

describe("edges found by the randomized run (lifetimeRandomized.test.ts; each failed before its fix)", () => {
  const record = () => decodeActivity(localStorage.getItem("sessionid:lifetime"), isSessionId);

  it("a page that closes writes only its own unwritten activity: what it merely read never takes back another tab's later activity", async () => {
    const a = openTab(idle30);
    const b = openTab(idle30);
    const first = await a.ready();
    expect(await b.ready()).toBe(first);
    await vi.advanceTimersByTimeAsync(minutes(10));
    a.touch!();
    const activeInA = Date.now();
    // B read the record before A's touch and never touched itself: closing it must not write.
    b.dispose();
    expect(record()!.active).toBe(activeInA);
    await vi.advanceTimersByTimeAsync(minutes(25));
    expect(await withSessionId(a, async (args: { sessionId: string }) => args.sessionId)()).toBe(first);
  });

  it("a trailing write merges what storage holds: another tab's later activity (after a sleep) is not taken back", async () => {
    const options = { ...idle30, activityInterval: 5000 };
    const a = openTab(options);
    const b = openTab(options);
    const first = await a.ready();
    expect(await b.ready()).toBe(first);
    await vi.advanceTimersByTimeAsync(minutes(1));
    a.touch!();
    b.touch!();
    // Both within their throttle now: trailing writes, due at the same moment, B's first.
    await vi.advanceTimersByTimeAsync(1000);
    b.touch!();
    await vi.advanceTimersByTimeAsync(500);
    a.touch!();
    // A sleep (timers stand still), then B is active again: its pending write carries that.
    wallClockJumps(minutes(3));
    b.touch!();
    const activeInB = Date.now();
    await vi.advanceTimersByTimeAsync(5000);
    expect(record()!.active).toBe(activeInB);
  });


  /** An IndexedDB-like backend on `values`: every operation answers 10 ms later, reading and writing then. */
  const slowBackend = (values: Map<string, string>): StorageBackend => {
    const later = <T>(operation: () => T) => new Promise<T>((resolve) => setTimeout(() => resolve(operation()), 10));
    return {
      scope: browserScope,
      get: (key) => later(() => values.get(key) ?? null),
      set: (key, value) => later(() => void values.set(key, value)),
      remove: (key) => later(() => void values.delete(key)),
      update: (key, updater) => later(() => {
        const value = updater(values.get(key) ?? null);
        values.set(key, value);
        return value;
      }),
    };
  };

  it("with an async backend that has update, a write merges in one step: another tab's write cannot land between its read and its write", async () => {
    const values = new Map<string, string>();
    const { session } = track({ storage: slowBackend(values), lifetime: sessionLifetime(idle30) });
    const ready = session.ready();
    await vi.advanceTimersByTimeAsync(6000);
    const first = await ready;
    session.touch!();
    // 15 ms later (between a read answered at 10 ms and a write at 20 ms) another tab records later activity.
    await vi.advanceTimersByTimeAsync(15);
    const other = { id: first, started: Date.now() - 60_000, active: Date.now() };
    values.set("sessionid:lifetime", encodeActivity(other));
    await vi.advanceTimersByTimeAsync(100);
    expect(decodeActivity(values.get("sessionid:lifetime"), isSessionId)!.active).toBe(other.active);
  });

  it("a new ID's age counts from when the page asked storage about it, not from an answer that came after a sleep", async () => {
    const onExpire = vi.fn();
    const { session } = track({ storage: slowBackend(new Map()), lifetime: sessionLifetime({ ...idle30, onExpire }) });
    const answer = session.ready();
    // The ID is loaded; its activity record is asked for; then the machine sleeps past the timeout.
    await vi.advanceTimersByTimeAsync(10);
    wallClockJumps(minutes(31));
    await vi.advanceTimersByTimeAsync(100);
    const id = await answer;
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(onExpire.mock.calls[0]![0]).not.toBe(id);
  });

  it("a log-in whose page is disposed while its callback runs still commits, and records the new ID's start (seed 5791)", async () => {
    const { session } = track({ storage: localStorageBackend(), lifetime: sessionLifetime(idle30) });
    await session.ready();
    let finish!: () => void;
    const login = session.refresh(() => new Promise<void>((resolve) => (finish = resolve)));
    await settle();
    session.dispose();
    finish();
    const next = await login;
    expect(record()).toEqual({ id: next, started: Date.now(), active: Date.now() });
  });

  it("a check still waiting when the page is disposed reports nothing", async () => {
    const { session, codes } = track({ storage: localStorageBackend(), refreshTimeout: minutes(60), lifetime: sessionLifetime(idle30) });
    await session.ready();
    let finish!: () => void;
    // A log-in in flight holds the refresh queue, so the expiry's rotation waits behind it.
    const login = session.refresh(() => new Promise<void>((resolve) => (finish = resolve)));
    await vi.advanceTimersByTimeAsync(minutes(31));
    const call = session.forRequest!().catch((error: { code: string }) => error.code);
    await settle();
    session.dispose();
    finish();
    await login;
    await vi.advanceTimersByTimeAsync(1000);
    expect(await call).toBe("session-expired");
    expect(codes()).toEqual([]);
  });
});

describe("edges found by an independent review of the randomized run's fixes (each failed before its fix)", () => {
  const record = () => decodeActivity(localStorage.getItem("sessionid:lifetime"), isSessionId);
  const call = (session: Session) => withSessionId(session, async (args: { sessionId: string }) => args.sessionId)();

  for (const [name, backend, area] of [
    ["localStorage", localStorageBackend, () => localStorage],
    ["sessionStorage", sessionStorageBackend, () => sessionStorage],
  ] as const)
    it(`${name}: a record an earlier ID left behind is replaced by the current ID's, so a reload past the idle timeout rotates`, async () => {
      // Outlived its ID: a rotation whose page closed first, a copied tab's, a key cleared by hand.
      const old = generateSessionId();
      area().setItem("sessionid:lifetime", encodeActivity({ id: old, started: Date.now() - minutes(5), active: Date.now() - minutes(5) }));
      const options = { ...idle30, activityInterval: 5000 };
      const page = track({ storage: backend(), lifetime: sessionLifetime(options) }).session;
      const id = await page.ready();
      page.touch!();
      await vi.advanceTimersByTimeAsync(10_000);
      page.touch!();
      await vi.advanceTimersByTimeAsync(10_000);
      await vi.advanceTimersByTimeAsync(minutes(40));
      page.dispose();
      const reloaded = track({ storage: backend(), lifetime: sessionLifetime(options) }).session;
      expect(await call(reloaded)).not.toBe(id);
    });

  it("a wall clock set back by more than a minute: an active tab's writes still reach the record, so another tab keeps the session", async () => {
    const onExpire = vi.fn();
    const options = { ...idle30, activityInterval: 5000, onExpire };
    const a = openTab(options);
    const first = await a.ready();
    a.touch!();
    await vi.advanceTimersByTimeAsync(minutes(1));
    a.touch!();
    wallClockJumps(-minutes(10));
    for (let step = 0; step < 5; step++) {
      await vi.advanceTimersByTimeAsync(10_000);
      a.touch!();
    }
    await vi.advanceTimersByTimeAsync(6000);
    expect(record()!.active).toBeLessThanOrEqual(Date.now());
    const b = openTab(options);
    expect(await call(b)).toBe(first);
    expect(onExpire).not.toHaveBeenCalled();
  });

  it("a wall clock set back by an hour: an idle tab follows the active tab's activity and never ends the session", async () => {
    const onExpire = vi.fn();
    const options = { ...idle30, activityInterval: 5000, onExpire };
    const a = openTab(options);
    const b = openTab(options);
    const first = await a.ready();
    expect(await b.ready()).toBe(first);
    b.subscribe(() => {});
    a.touch!();
    wallClockJumps(-minutes(60));
    for (let step = 0; step < 40; step++) {
      await vi.advanceTimersByTimeAsync(minutes(1));
      a.touch!();
    }
    expect(onExpire).not.toHaveBeenCalled();
    expect(a.get()).toBe(first);
  });

  it("ready() while a log-in commits a new ID answers the new ID, not session-expired (async backend)", async () => {
    const values = new Map<string, string>();
    const later = <T>(key: string, operation: () => T) =>
      new Promise<T>((resolve) => setTimeout(() => resolve(operation()), key.endsWith(":lifetime") ? 50 : 1));
    const storage: StorageBackend = {
      scope: browserScope,
      get: (key) => later(key, () => values.get(key) ?? null),
      set: (key, value) => later(key, () => void values.set(key, value)),
      remove: (key) => later(key, () => void values.delete(key)),
      update: (key, updater) =>
        later(key, () => {
          const value = updater(values.get(key) ?? null);
          values.set(key, value);
          return value;
        }),
    };
    const { session, codes } = track({ storage, lifetime: sessionLifetime(idle30) });
    const ready = session.ready().then((id) => ({ id }), (error: { code: string }) => ({ error: error.code }));
    await vi.advanceTimersByTimeAsync(5);
    const login = session.refresh(async () => {});
    await vi.advanceTimersByTimeAsync(1000);
    expect(await ready).toEqual({ id: await login });
    expect(codes()).toEqual([]);
  });
});

describe("edges found by reviewing the lifetime's split into modules (each failed before its fix)", () => {
  it("a page whose first read of the activity record failed still gets its activity to the other tabs once storage answers", async () => {
    // The tab's first page recorded the ID's start; the reloaded page's first read of the record fails.
    const first = openTab(idle30);
    const id = await first.ready();
    first.dispose();
    const local = localStorageBackend();
    let failNext = true;
    const flaky: StorageBackend = {
      ...local,
      get(key) {
        if (key == "sessionid:lifetime" && failNext) {
          failNext = false;
          throw new Error("the record cannot be read");
        }
        return local.get(key);
      },
    };
    const { session: page, codes } = track({ storage: flaky, lifetime: sessionLifetime(idle30) });
    expect(await page.ready()).toBe(id);
    expect(codes()).toEqual(["storage-unavailable"]);
    // Used every five minutes for 25 minutes; another tab opens at 31 minutes.
    for (let minute = 5; minute <= 25; minute += 5) {
      await vi.advanceTimersByTimeAsync(minutes(5));
      page.touch!();
    }
    await vi.advanceTimersByTimeAsync(minutes(6));
    const other = openTab(idle30);
    expect(await other.ready()).toBe(id);
    expect(decodeActivity(localStorage.getItem("sessionid:lifetime"), isSessionId)!.active).toBe(Date.now() - minutes(6));
  });
});

describe("edges found by an outside review of the helpers (session 26; each failed before its fix)", () => {
  it("subscribers hear what get() shows: never the expired ID an async backend loads, and the new ID once", async () => {
    const first = "V1StGXR8_Z5jdHi6B-myT";
    const old = encodeActivity({ id: first as SessionId, started: Date.now() - minutes(120), active: Date.now() - minutes(120) });
    const values = new Map([["sessionid", `${first}.1`], ["sessionid:lifetime", old]]);
    const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 5));
    const asyncBackend: StorageBackend = {
      get: (key) => later(values.get(key) ?? null),
      set: (key, value) => later(void values.set(key, value)),
      remove: (key) => later(void values.delete(key)),
    };
    const { session, codes } = track({ storage: asyncBackend, lifetime: sessionLifetime(idle30) });
    // Each call: what the listener was handed, and what get() showed then.
    const heard: [string | undefined, string | undefined][] = [];
    session.subscribe((id) => heard.push([id, session.get()]));
    await vi.advanceTimersByTimeAsync(100);
    const next = session.get();
    expect(next).toBeTypeOf("string");
    expect(next).not.toBe(first);
    expect(heard).toEqual([[next, next]]);
    expect(codes()).toEqual([]);
  });

  it("with an async backend a rotation this page commits is told as the new ID at once, never as no ID in between (a log-in, an expiry, session.end)", async () => {
    const values = new Map<string, string>();
    const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 5));
    const asyncBackend: StorageBackend = {
      get: (key) => later(values.get(key) ?? null),
      set: (key, value) => later(void values.set(key, value)),
      remove: (key) => later(void values.delete(key)),
    };
    const { session, codes } = track({ storage: asyncBackend, lifetime: sessionLifetime(idle30) });
    const heard: (string | undefined)[] = [];
    session.subscribe((id) => heard.push(id));
    await vi.advanceTimersByTimeAsync(100);
    const first = session.get()!;
    expect(heard).toEqual([first]);
    const refreshing = session.refresh();
    await vi.advanceTimersByTimeAsync(100);
    const loggedIn = await refreshing;
    expect(heard).toEqual([first, loggedIn]);
    expect(session.get()).toBe(loggedIn);
    // Its age starts at its commit: 31 idle minutes later it has expired, and the expiry's new ID
    // is told at once too.
    await vi.advanceTimersByTimeAsync(minutes(31));
    const afterExpiry = session.get()!;
    expect(afterExpiry).not.toBe(loggedIn);
    expect(heard).toEqual([first, loggedIn, afterExpiry]);
    expect(codes()).toEqual([]);
  });

  it("a subscriber that read an ID before subscribing hears the first change, even one get() hides at first (another tab's rotation, async)", async () => {
    const values = new Map<string, string>();
    const listeners = new Set<(key: string, value: string | null) => void>();
    const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 5));
    const shared = (): StorageBackend => ({
      get: (key) => later(values.get(key) ?? null),
      set: (key, value) => later(void (values.set(key, value), listeners.forEach((listener) => listener(key, value)))),
      remove: (key) => later(void (values.delete(key), listeners.forEach((listener) => listener(key, null)))),
      subscribe(key, onChange) {
        const listener = (changed: string, value: string | null) => changed == key && onChange(value);
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    });
    // One tab after the other: two starting at once on empty storage may each make an ID.
    const a = track({ storage: shared(), lifetime: sessionLifetime(idle30) }).session;
    const aReady = a.ready();
    await vi.advanceTimersByTimeAsync(100);
    const first = await aReady;
    const b = track({ storage: shared(), lifetime: sessionLifetime(idle30) }).session;
    const bReady = b.ready();
    await vi.advanceTimersByTimeAsync(100);
    expect(await bReady).toBe(first);
    // As Svelte's sessionIdStore and the Convex client do: read, then subscribe.
    expect(a.get()).toBe(first);
    const heard: (string | undefined)[] = [];
    a.subscribe((id) => heard.push(id));
    const rotating = b.refresh();
    await vi.advanceTimersByTimeAsync(100);
    const next = await rotating;
    expect(a.get()).toBe(next);
    // What it was told follows get(): no ID while another tab's new ID waits for its record (it
    // does not go on with the old one meanwhile), then the new ID.
    expect(heard).toEqual([undefined, next]);
  });

  it("a change made after the last get() and before the first subscribe is told once subscribed, as without a lifetime", async () => {
    const { session, codes } = track({ storage: localStorageBackend(), lifetime: sessionLifetime(idle30) });
    const first = session.get();
    expect(first).toBeDefined();
    // Another tab rotates, and writes its activity, while this one listens to nothing (React
    // renders, then subscribes).
    const next = generateSessionId();
    localStorage.setItem("sessionid:lifetime", encodeActivity({ id: next as SessionId, started: Date.now(), active: Date.now() }));
    localStorage.setItem("sessionid", `${next}.5`);
    const heard: (string | undefined)[] = [];
    session.subscribe((id) => heard.push(id));
    await settle();
    expect(session.get()).toBe(next);
    expect(heard).toEqual([next]);
    expect(codes()).toEqual([]);
  });

  it("when no ID can be made, subscribe() as the first call does not throw, and its listener hears the ID another session stores", async () => {
    const broken = createSession({ storage: localStorageBackend(), generateId: () => "bad", lifetime: sessionLifetime(idle30), onError: () => {} });
    const heard: (string | undefined)[] = [];
    let unsubscribe: (() => void) | undefined;
    expect(() => (unsubscribe = broken.subscribe((id) => heard.push(id)))).not.toThrow();
    expect(() => broken.get()).toThrowError(expect.objectContaining({ code: "invalid-id" }));
    const working = track({ storage: localStorageBackend(), lifetime: sessionLifetime(idle30) }).session;
    const id = await working.ready();
    await settle();
    expect(heard).toEqual([id]);
    expect(broken.get()).toBe(id);
    unsubscribe?.();
    broken.dispose();
  });

  it("a page without subscribers (only sessionFetch / withSessionId) still writes its last activity when it hides or closes", async () => {
    for (const hide of ["pagehide", "visibilitychange"] as const) {
      localStorage.clear();
      const { session } = track({ storage: localStorageBackend(), lifetime: sessionLifetime(idle30) });
      const call = withSessionId(session, async (args: { sessionId: string }) => args.sessionId);
      await call();
      await vi.advanceTimersByTimeAsync(3000);
      // Within the write interval: its write waits for a timer, which dies with the page.
      await call();
      const active = Date.now();
      const hidden = vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
      if (hide == "pagehide") dispatchEvent(new PageTransitionEvent("pagehide", { persisted: false }));
      else document.dispatchEvent(new Event("visibilitychange"));
      hidden.mockRestore();
      expect(decodeActivity(localStorage.getItem("sessionid:lifetime"), isSessionId)!.active).toBe(active);
      session.dispose();
    }
  });
});

describe("per-tab storage", () => {
  it("keeps the activity in the tab's own storage, so each tab expires on its own", async () => {
    const { session } = track({ storage: sessionStorageBackend(), lifetime: sessionLifetime(idle30) });
    const first = await session.ready();
    expect(sessionStorage.getItem("sessionid:lifetime")).toMatch(new RegExp(`^${first}\\.`));
    expect(localStorage.getItem("sessionid:lifetime")).toBeNull();
  });
});

describe("stored format", () => {
  it("the ID's own value keeps the format every version reads: a session without a lifetime reads the same ID", async () => {
    const { session } = track({ storage: localStorageBackend(), lifetime: sessionLifetime(idle30) });
    const id = await session.ready();
    const plain = track({ storage: localStorageBackend() }).session;
    expect(plain.get()).toBe(id);
  });

  it("an ID stored before lifetimes (no activity record) loads as it is, its age counted from now", async () => {
    const old = track({ storage: localStorageBackend() }).session;
    const id = old.get();
    old.dispose();
    const { session } = track({ storage: localStorageBackend(), lifetime: sessionLifetime({ maxAge: minutes(60) }) });
    expect(await session.ready()).toBe(id);
    expect(localStorage.getItem("sessionid:lifetime")).toMatch(new RegExp(`^${id}\\.`));
  });

  it("junk in the activity record is replaced by what the tab knows", async () => {
    const { session } = track({ storage: localStorageBackend(), lifetime: sessionLifetime(idle30) });
    const id = await session.ready();
    localStorage.setItem("sessionid:lifetime", "junk");
    await vi.advanceTimersByTimeAsync(minutes(31));
    const call = withSessionId(session, async (args: { sessionId: string }) => args.sessionId);
    // What the tab knew (idle for 31 minutes) stands: junk neither extends nor breaks it.
    expect(await call()).not.toBe(id);
  });
});

describe("sessions the server ended", () => {
  it("sessionFetch's ended: the call rejects with session-ended (no ID in it), the session rotates once across tabs", async () => {
    const a = openTab();
    const b = openTab();
    const first = await a.ready();
    b.subscribe(() => {});
    const { fetch } = recordingFetch(440);
    const api = sessionFetch(a, { fetch, ended: (response) => response.status == 440 });
    const error = await api("/cart").catch((error: unknown) => error);
    expect(error).toMatchObject({ name: "SessionError", code: "session-ended" });
    expect(errorText([error])).not.toContain(first);
    expect(a.get()).not.toBe(first);
    expect(b.get()).toBe(a.get());
    // B's own call had sent the first ID too and its answer comes now: B has moved on already, so
    // nothing rotates again (the ID is compared under the refresh lock).
    const moved = b.get();
    expect(await b.end!(first as SessionId)).toMatchObject({ code: "session-ended" });
    expect(b.get()).toBe(moved);
    expect(a.get()).toBe(moved);
  });

  it("withSessionId's ended: an error the app recognises rotates the session and rejects with session-ended", async () => {
    const { session } = track({ storage: memoryBackend(), lifetime: sessionLifetime() });
    const first = await session.ready();
    const call = withSessionId(
      session,
      async (_args: { sessionId: string }) => {
        throw Object.assign(new Error("gone"), { code: "SESSION_ENDED" });
      },
      { ended: (error) => (error as { code?: string }).code == "SESSION_ENDED" },
    );
    await expect(call()).rejects.toMatchObject({ code: "session-ended" });
    expect(session.get()).not.toBe(first);
    const other = withSessionId(session, async (_args: { sessionId: string }) => {
      throw new Error("other failure");
    }, { ended: (error) => (error as { code?: string }).code == "SESSION_ENDED" });
    const before = session.get();
    await expect(other()).rejects.toThrow("other failure");
    expect(session.get()).toBe(before);
  });
});

describe("options, and what a lifetime costs an unused session", () => {
  it("ended on a session without a lifetime: a development warning when the helper is made; the call's own outcome stands", async () => {
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { session } = track({ storage: memoryBackend() });
    const first = session.get();
    const { fetch } = recordingFetch(440);
    const api = sessionFetch(session, { fetch, ended: (response) => response.status == 440 });
    expect(warned.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringContaining("ended option needs a session with a lifetime")]);
    expect((await api("/cart")).status).toBe(440);
    const call = withSessionId(session, async (_args: { sessionId: string }) => Promise.reject(new Error("gone")), { ended: () => true });
    await expect(call()).rejects.toThrow("gone");
    expect(warned).toHaveBeenCalledTimes(2);
    expect(session.get()).toBe(first);
  });

  it("bad options get a clear invalid-option error", () => {
    expect(() => sessionLifetime("30m" as never)).toThrow(expect.objectContaining({ code: "invalid-option" }));
    expect(() => sessionLifetime({ idleTimeout: -1 })).toThrow(/lifetime\.idleTimeout/);
    expect(() => sessionLifetime({ maxAge: 2 ** 31 })).toThrow(/lifetime\.maxAge/);
    expect(() => sessionLifetime({ idleTimeout: 1000, onExpire: "logout" as never })).toThrow(/lifetime\.onExpire/);
    expect(() => createSession({ lifetime: { idleTimeout: 1000 } as never })).toThrow(/lifetime/);
  });

  it("nothing happens until the session is used, and dispose leaves no timer or listener behind", async () => {
    const added: string[] = [];
    const removed: string[] = [];
    for (const target of [window, document]) {
      vi.spyOn(target, "addEventListener").mockImplementation(function (this: EventTarget, type: string) {
        added.push(type);
      } as never);
      vi.spyOn(target, "removeEventListener").mockImplementation(function (this: EventTarget, type: string) {
        removed.push(type);
      } as never);
    }
    const { session } = track({ storage: localStorageBackend(), lifetime: sessionLifetime(idle30) });
    expect(localStorage.length).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(added).toEqual([]);
    const stop = session.subscribe(() => {});
    await settle();
    for (const type of ["pageshow", "visibilitychange", "resume"]) expect(added).toContain(type);
    // Activity within the write interval: its trailing write is written when the page hides.
    session.touch!();
    await vi.advanceTimersByTimeAsync(1000);
    session.touch!();
    expect(added).toContain("pagehide");
    stop();
    session.dispose();
    expect([...removed].sort()).toEqual([...added].sort());
    // No timer of the lifetime is left: hours later nothing was written or rotated.
    const stored = { id: localStorage.getItem("sessionid"), activity: localStorage.getItem("sessionid:lifetime") };
    await vi.advanceTimersByTimeAsync(minutes(120));
    expect({ id: localStorage.getItem("sessionid"), activity: localStorage.getItem("sessionid:lifetime") }).toEqual(stored);
  });

  it("on the server it sends initialId and does nothing else", async () => {
    const initialId = "V1StGXR8_Z5jdHi6B-myT";
    const { session } = track({ server: true, initialId, lifetime: sessionLifetime(idle30) });
    expect(await session.forRequest!()).toBe(initialId);
    session.touch!();
    expect(vi.getTimerCount()).toBe(0);
  });
});
