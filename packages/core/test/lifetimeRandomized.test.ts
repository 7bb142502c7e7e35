// Session lifetime under random use: seeded schedules of 2–4 "tabs" (sessions of one document,
// on localStorage or on an IndexedDB-like async store whose answers and news come late, with a
// Web Locks stand-in shared by them) that send requests, touch, refresh, are ended by the
// server, reload, subscribe and unsubscribe, sleep (the wall clock jumps, timers stand still) and
// wait, some past the idle timeout. Fake clocks make every run exact, so what each tab may send
// is checked against a model of the truth after every step:
//   L1 no request is sent with an ID idle for longer than idleTimeout, or older than maxAge;
//   L2 an ID is never sent again once any tab moved past it (and, with the async store, the
//      news has had time to arrive);
//   L3 no expiry is early: onExpire runs only when the ID was idle at least idleTimeout minus
//      activityInterval (another tab's activity reaches storage at most that late), or is past
//      maxAge;
//   L4 onExpire runs at most once per ID, in the whole browser;
//   L5 at the end every tab sends the same ID, and get() in each shows it;
//   L6 nothing is reported but the expected codes, and no report carries an ID;
//   L7 every call settles.
//
//   npx vitest run --project core packages/core/test/lifetimeRandomized.test.ts
//   LIFETIME_SEED=123 [LIFETIME_TRACE=1] npx vitest run …   (replay; the trace prints each step)
//   LIFETIME_SEEDS=10000 npx vitest run …   (more seeds than the 300 and the pinned ones; 10000 take a few minutes)
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  browserScope,
  createSession,
  localStorageBackend,
  type Session,
  type SessionError,
  type SessionId,
  type StorageBackend,
} from "../src/index.ts";
import { sessionLifetime } from "../src/sessionLifetime.ts";
import { errorText } from "./helpers.ts";
import { prng } from "./browser/chaos/schedule.ts";

const idleTimeout = 10_000;
const activityInterval = 1_000;

/**
 * A Web Locks stand-in for sessions of one document that play tabs: exclusive and shared modes,
 * FIFO, `signal` aborts a waiting request, `query()` lists what is held.
 */
const lockManager = () => {
  interface Held {
    name: string;
    mode: LockMode;
  }
  const held: Held[] = [];
  const waiting: { name: string; mode: LockMode; grant: () => void }[] = [];
  const grantable = (name: string, mode: LockMode) =>
    held.every((lock) => lock.name != name || (mode == "shared" && lock.mode == "shared"));
  const pump = () => {
    for (const request of [...waiting]) {
      // FIFO per name: nothing overtakes an earlier request for the same lock.
      const earlier = waiting.slice(0, waiting.indexOf(request)).some((other) => other.name == request.name);
      if (!earlier && grantable(request.name, request.mode)) {
        waiting.splice(waiting.indexOf(request), 1);
        request.grant();
      }
    }
  };
  return {
    query: async () => ({ held: held.map(({ name, mode }) => ({ name, mode })), pending: [] }),
    request(name: string, options: LockOptions | (() => unknown), callback?: (lock: unknown) => unknown) {
      const run = (callback ?? options) as (lock: unknown) => unknown;
      const { mode = "exclusive", signal } = (callback ? options : {}) as LockOptions;
      return new Promise((resolve, reject) => {
        const request = {
          name,
          mode,
          grant() {
            const lock = { name, mode };
            held.push(lock);
            Promise.resolve()
              .then(() => run(lock))
              .then(resolve, reject)
              .finally(() => {
                held.splice(held.indexOf(lock), 1);
                pump();
              });
          },
        };
        signal?.addEventListener("abort", () => {
          if (!waiting.includes(request)) return;
          waiting.splice(waiting.indexOf(request), 1);
          reject(new DOMException("aborted", "AbortError"));
        });
        waiting.push(request);
        pump();
      });
    },
  };
};

/**
 * A browser-wide async backend like IndexedDB, for sessions of one document that play tabs:
 * one shared store whose every operation answers after a random delay (fake timers), with a
 * get-or-create in one step (`update`), and news of each write delivered to every subscriber
 * later still, carrying the value written (as a BroadcastChannel does).
 */
const asyncStore = (delay: () => number, written: (key: string, value: string) => void) => {
  const values = new Map<string, string>();
  const subscribers = new Set<{ key: string; onChange: (value: string | null) => void }>();
  // Writes in flight, so that a sleep can land after them (see `settleWrites`).
  const inFlight = new Set<() => void>();
  const later = <T>(operation: () => T) =>
    new Promise<T>((resolve) => {
      let result: { value: T } | undefined;
      const finish = () => {
        inFlight.delete(finish);
        result ??= { value: operation() };
        resolve(result.value);
      };
      inFlight.add(finish);
      setTimeout(finish, delay());
    });
  const post = (key: string, value: string | null) => {
    for (const subscriber of [...subscribers])
      if (subscriber.key == key) setTimeout(() => subscribers.has(subscriber) && subscriber.onChange(value), delay());
  };
  const backend = (): StorageBackend => ({
    scope: browserScope,
    get: (key) => later(() => values.get(key) ?? null),
    set: (key, value) =>
      later(() => {
        values.set(key, value);
        written(key, value);
        post(key, value);
      }),
    remove: (key) =>
      later(() => {
        values.delete(key);
        post(key, null);
      }),
    update: (key, updater) =>
      later(() => {
        const before = values.get(key) ?? null;
        const after = updater(before);
        if (after != before) {
          values.set(key, after);
          written(key, after);
          post(key, after);
        }
        return after;
      }),
    subscribe(key, onChange) {
      const subscriber = { key, onChange };
      subscribers.add(subscriber);
      return () => void subscribers.delete(subscriber);
    },
  });
  /** Completes every operation in flight now; answers whether there was any. */
  const settleWrites = () => {
    const some = inFlight.size > 0;
    [...inFlight].forEach((finish) => finish());
    return some;
  };
  return { backend, settleWrites };
};

type Step =
  | { kind: "request" | "touch" | "end" | "reload" | "subscribe" | "unsubscribe" | "get"; tab: number }
  | { kind: "refresh"; tab: number; callback: "fast" | "slow" | "throw" }
  | { kind: "wait" | "sleep"; ms: number };

const makeSteps = (seed: number) => {
  const random = prng(seed);
  const tabs = random.int(2, 4);
  const maxAge = random.next() < 0.4 ? random.pick([25_000, 40_000]) : undefined;
  const onExpire = random.pick(["fine", "fine", "throws", "slow"] as const);
  const backend = random.pick(["local", "async"] as const);
  const steps: Step[] = [];
  const weights: [Step["kind"], number][] = [
    ["request", 30], ["touch", 8], ["get", 6], ["refresh", 6], ["end", 3], ["reload", 5],
    ["subscribe", 5], ["unsubscribe", 4], ["wait", 25], ["sleep", 3],
  ];
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  for (let i = 0; i < 40; i++) {
    let roll = random.next() * total;
    const kind = weights.find(([, weight]) => (roll -= weight) < 0)![0];
    const tab = random.int(0, tabs - 1);
    if (kind == "refresh") steps.push({ kind, tab, callback: random.pick(["fast", "slow", "throw"] as const) });
    else if (kind == "wait")
      steps.push({
        kind,
        ms: random.pick([
          random.int(0, 300),
          random.int(300, 3000),
          idleTimeout - random.int(0, 2 * activityInterval),
          idleTimeout + random.int(0, 2 * activityInterval),
          2 * idleTimeout,
        ]),
      });
    else if (kind == "sleep") steps.push({ kind, ms: random.pick([random.int(1000, 5000), idleTimeout + random.int(0, 5000)]) });
    else steps.push({ kind, tab });
  }
  return { tabs, maxAge, onExpire, backend, steps };
};

/** Lets promise callbacks run, without moving any clock. */
const flushMicrotasks = async () => {
  for (let turn = 0; turn < 50; turn++) await Promise.resolve();
};

const describeStep = (step: Step) =>
  "tab" in step ? `t${step.tab} ${step.kind}${step.kind == "refresh" ? ` ${step.callback}` : ""}` : `${step.kind} ${step.ms}ms`;

/** Runs one seed; answers what broke (empty when every invariant held). */
const runSeed = async (seed: number) => {
  const { tabs: count, maxAge, onExpire: expireKind, backend, steps } = makeSteps(seed);
  // With the async backend news of another tab arrives up to 20 ms late (two delays of 10).
  const random = prng(seed + 1);
  const lag = backend == "async" ? 50 : 0;
  const store = backend == "async" ? asyncStore(() => random.int(0, 10), (key, value) => key == "sessionid:lifetime" && recordWritten(value)) : undefined;
  const storage = store?.backend ?? localStorageBackend;
  // Locks die with their documents: every seed is a fresh browser.
  vi.stubGlobal("navigator", { ...navigator, locks: lockManager() });
  const problems: string[] = [];
  const pending: Promise<unknown>[] = [];
  const log: string[] = [];
  const now = () => Date.now();
  const startedAt = now();
  // The model: when each ID was first seen anywhere, and its last activity anywhere.
  const firstSeen = new Map<string, number>();
  // IDs in the log as i0, i1, … in the order they were first seen (a log never shows an ID).
  const alias = (id: string) => (firstSeen.has(id) ? `i${[...firstSeen.keys()].indexOf(id)}` : "(an ID no tab showed yet)");
  const lastActive = new Map<string, number>();
  // IDs some tab moved past, and when (performance.now()): none may be sent after.
  const retired = new Map<string, number>();
  const expiries = new Map<string, number>();
  const errors: SessionError[] = [];
  const seen = (id: string | undefined) => {
    if (!id || firstSeen.has(id)) return;
    firstSeen.set(id, now());
    lastActive.set(id, now());
  };
  // Every moment of activity, per ID: an expiry is judged by what could have reached storage.
  const activity = new Map<string, number[]>();
  const active = (id: string) => {
    lastActive.set(id, Math.max(lastActive.get(id) ?? 0, now()));
    activity.set(id, [...(activity.get(id) ?? []), now()]);
  };

  const lifetime = () =>
    sessionLifetime({
      idleTimeout,
      maxAge,
      activityInterval,
      // The next ID is not seen yet: its age starts at its commit, after this callback.
      async onExpire(expired) {
        // Activity in the last `lag` ms may still be on its way to storage (the async store).
        const landed = (activity.get(expired) ?? []).filter((moment) => moment <= now() - lag);
        const idle = now() - Math.max(firstSeen.get(expired)!, ...landed);
        const age = now() - firstSeen.get(expired)!;
        expiries.set(expired, (expiries.get(expired) ?? 0) + 1);
        log.push(`  onExpire ${alias(expired)} after ${idle}ms idle, age ${age}ms`);
        if (expiries.get(expired)! > 1) problems.push(`L4: onExpire ran ${expiries.get(expired)} times for one ID`);
        if (idle < idleTimeout - activityInterval - lag && !(maxAge && age >= maxAge))
          problems.push(`L3: expired after only ${idle}ms idle (age ${age}ms)`);
        if (expireKind == "slow") await new Promise((resolve) => setTimeout(resolve, 200));
        if (expireKind == "throws") throw new Error("onExpire fails on purpose");
      },
    });

  interface Tab {
    session: Session;
    last?: string;
    disposed?: boolean;
    subscriptions: (() => void)[];
  }
  const open = (): Tab => {
    const tab: Tab = { session: undefined!, subscriptions: [] };
    tab.session = createSession({ storage: storage(), lifetime: lifetime(), onError: (error) => errors.push(error) });
    // Every ID the tab moves to, in order: the one it leaves is retired.
    tab.subscriptions.push(
      tab.session.subscribe((id) => {
        seen(id);
        if (id && tab.last && id != tab.last && !retired.has(tab.last)) retired.set(tab.last, performance.now());
        if (id && id != tab.last) log.push(`  t${tabs.indexOf(tab)} moves to ${alias(id)}`);
        if (id) tab.last = id;
      }),
    );
    // A sync backend: the tab shows its ID at once (first seen now, if no tab had it).
    seen(tab.session.get());
    return tab;
  };
  // Every write of the activity record, in the log (the record is shared by every tab).
  recordWritten = (value) => {
    const record = /^(.+)\.([0-9a-z]+)\.([0-9a-z]+)$/.exec(value);
    if (record) log.push(`    record ${alias(record[1]!)} started +${parseInt(record[2]!, 36) - startedAt} active +${parseInt(record[3]!, 36) - startedAt}`);
  };
  const tabs = Array.from({ length: count }, open);

  const request = (tab: Tab) => {
    pending.push(
      tab.session.forRequest!().then(
        (id) => {
          seen(id);
          const idle = now() - lastActive.get(id)!;
          const age = now() - firstSeen.get(id)!;
          log.push(`  t${tabs.indexOf(tab)} sent ${alias(id)} after ${idle}ms idle, age ${age}ms`);
          // An ID's age starts when its commit is written: the async store answers that write late.
          if (idle > idleTimeout + lag) problems.push(`L1: sent an ID idle for ${idle}ms`);
          if (maxAge && age > maxAge + lag) problems.push(`L1: sent an ID ${age}ms old (maxAge ${maxAge})`);
          // Once every tab can have heard of the move (at once with localStorage here): timers'
          // time, as news posted before a sleep arrives after it.
          const since = performance.now() - retired.get(id)!;
          if (retired.has(id) && since > lag) problems.push(`L2: sent ${alias(id)} ${since}ms after a tab had moved past it`);
          active(id);
        },
        (error: SessionError) => {
          log.push(`  t${tabs.indexOf(tab)} request rejected: ${error?.code}`);
          // A page disposed (reloaded) while its request waited cannot rotate: it refuses to send
          // the expired ID. Any other rejection would need an onExpire that never settles.
          if (!(tab.disposed && error?.code == "session-expired")) problems.push(`request rejected: ${error?.code ?? error}`);
        },
      ),
    );
  };

  for (const step of steps) {
    log.push(`+${now() - startedAt} ${describeStep(step)}`);
    if (process.env.LIFETIME_TRACE) process.stderr.write(`${seed} ${log.at(-1)}\n`);
    const tab = "tab" in step ? tabs[step.tab]! : undefined;
    switch (step.kind) {
      case "request":
        request(tab!);
        break;
      case "touch": {
        // What a tab shows is alive (get() hides an expired ID): touching it counts.
        const id = tab!.session.get();
        seen(id);
        tab!.session.touch!();
        if (id) active(id);
        // Nothing shown yet (loading, or expired): the touch counts once the check it started
        // finds the ID alive; ready() joins that check and answers only an alive ID.
        else
          pending.push(
            tab!.session.ready().then(
              (shown) => {
                seen(shown);
                active(shown);
              },
              () => {},
            ),
          );
        break;
      }
      case "get":
        seen(tab!.session.get());
        break;
      case "refresh": {
        const { callback } = step;
        pending.push(
          tab!.session
            .refresh(async () => {
              if (callback == "slow") await new Promise((resolve) => setTimeout(resolve, 400));
              if (callback == "throw") throw new Error("log-in fails on purpose");
            })
            .then(seen, () => {}),
        );
        break;
      }
      case "end": {
        const id = tab!.session.get();
        if (id) pending.push(tab!.session.end!(id as SessionId));
        break;
      }
      case "reload":
        tab!.subscriptions.splice(0).forEach((stop) => stop());
        tab!.session.dispose();
        tab!.disposed = true;
        tabs[step.tab] = open();
        break;
      case "subscribe":
        tab!.subscriptions.push(tab!.session.subscribe(seen));
        break;
      case "unsubscribe":
        // The first subscription (the model's) stays.
        if (tab!.subscriptions.length > 1) tab!.subscriptions.pop()!();
        break;
      case "sleep":
        // The wall clock moves, timers and the monotonic clock stand still; then the page wakes.
        // Storage goes quiet first (operations in flight, and those they lead to, land): a sleep
        // inside such a few-ms chain is a race the design accepts. A write of the last activity
        // cut by the sleep can let another tab end the session up to the sleep's length early; a
        // new ID whose record is not written yet counts its age from after the sleep in a tab
        // that reads it first, until the record lands.
        for (let round = 0; round < 20 && store?.settleWrites(); round++) await flushMicrotasks();
        vi.setSystemTime(now() + step.ms);
        document.dispatchEvent(new Event("visibilitychange"));
        break;
      case "wait":
        await vi.advanceTimersByTimeAsync(step.ms);
        break;
    }
    await vi.advanceTimersByTimeAsync(0);
  }

  // Quiet: every pending call settles (L7: within a minute of fake time), then each tab sends once more.
  const settled = async <T>(promise: Promise<T>, what: string): Promise<T | undefined> => {
    let done = false;
    const result = promise.finally(() => (done = true));
    for (let waited = 0; !done && waited < 60_000; waited += 100) await vi.advanceTimersByTimeAsync(100);
    if (done) return result;
    problems.push(`L7: ${what} did not settle within a minute`);
  };
  await settled(Promise.all(pending.splice(0)), "a call of the schedule");
  // News of the last commit reaches every tab (the async store's arrives up to 20 ms late).
  await vi.advanceTimersByTimeAsync(100);
  log.push("end: every tab sends");
  const sent: (string | undefined)[] = [];
  for (const tab of tabs) {
    const id = await settled(tab.session.forRequest!(), "a last request");
    log.push(`  t${tabs.indexOf(tab)} sends ${id && alias(id)}`);
    sent.push(id);
  }
  const shown = tabs.map((tab) => tab.session.get());
  if (new Set(sent).size != 1) problems.push(`L5: tabs sent ${new Set(sent).size} different IDs at the end`);
  if (shown.some((id) => id != sent[0])) problems.push("L5: get() in some tab shows another ID than the tabs send");

  const expected = new Set(["expire-callback", "refresh-conflict"]);
  const unexpected = errors.filter((error) => !expected.has(error.code));
  if (unexpected.length) problems.push(`L6: reported ${unexpected.map((error) => error.code).join(", ")}`);
  const text = errorText(errors);
  if ([...firstSeen.keys()].some((id) => text.includes(id))) problems.push("L6: a report carries a session ID");

  for (const tab of tabs) tab.session.dispose();
  if (!problems.length) return "";
  return [
    `seed ${seed} (${backend}, ${count} tabs, maxAge ${maxAge ?? "none"}, onExpire ${expireKind}): replay with LIFETIME_SEED=${seed}`,
    ...[...new Set(problems)].map((problem) => `  ${problem}`),
    ...log,
  ].join("\n");
};

let recordWritten: (value: string) => void = () => {};
const setItem = Storage.prototype.setItem;

// Seeds that found a bug beyond the first 300, each failing without its fix: 6167 (a request
// rejected session-expired: its check joined one that ended on an ID the session had left, twice),
// 8763 (activity after a sleep held back by the write throttle's monotonic clock alone, so
// another tab ended the session early). Bugs found within 1–300 have deterministic tests in
// lifetime.test.ts.
const pinned = [6167, 8763];
const seeds = process.env.LIFETIME_SEED
  ? process.env.LIFETIME_SEED.split(",").map(Number)
  : [...Array.from({ length: Number(process.env.LIFETIME_SEEDS ?? 300) }, (_, i) => i + 1), ...pinned];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date", "performance"] });
  vi.setSystemTime(new Date("2026-12-01T10:00:00Z"));
  vi.spyOn(Storage.prototype, "setItem").mockImplementation(function (this: Storage, name: string, value: string) {
    if (name == "sessionid:lifetime") recordWritten(value);
    return setItem.call(this, name, value);
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  localStorage.clear();
  sessionStorage.clear();
});

describe("session lifetime under random use (seeded; the invariants in this file's header)", () => {
  it(`holds for ${seeds.length} seeds`, async () => {
    const failures: string[] = [];
    for (const seed of seeds) {
      const report = await runSeed(seed);
      if (report) failures.push(report);
      localStorage.clear();
      sessionStorage.clear();
    }
    expect(failures, failures.slice(0, 3).join("\n\n")).toEqual([]);
  }, Math.max(120_000, seeds.length * 100));
});
