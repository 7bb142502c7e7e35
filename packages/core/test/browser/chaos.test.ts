// Seeded, randomized multi-tab chaos in Chromium, Firefox ESR and WebKitGTK: N tabs (2–4) of one
// profile run a random schedule (refreshes with fast, slow and throwing callbacks, reloads,
// closes, new and duplicated tabs, back/forward through the real bfcache, real freezes in
// Chromium, external removals, junk writes, long tasks), then go quiet, and the invariants
// (chaos/invariants.ts) are checked over what every document logged. A describe per engine; the
// engines run side by side, each one seed at a time, in a browser launched once per file (fresh
// profiles per seed).
//
//   npx vitest run --project core-browser packages/core/test/browser/chaos.test.ts
//   CHAOS_ENGINE=firefox CHAOS_SEED=123 [CHAOS_BACKEND=local] npx vitest run --project core-browser …/chaos.test.ts   (replay)
//   CHAOS_SOAK=1 [CHAOS_SOAK_MINUTES=10] [CHAOS_ENGINE=firefox,webkit] [CHAOS_BACKEND=cookie] npx vitest run …    (random seeds)
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineNames, enginesToTest, type Engine, type EngineName, type Profile, type Tab } from "../../../../test-shared/browsers/index.mjs";
import type { Backend } from "./chaos/agent.ts";
import { currentDoc, events, launchChaosEngine, pageUrl, startServer, stopServer, until } from "./chaos/harness.ts";
import { check, timeline } from "./chaos/invariants.ts";
import { runSchedule } from "./chaos/runner.ts";
import { describeSchedule, makeSchedule } from "./chaos/schedule.ts";

/** The values of a comma-separated environment variable that are among `known` (all of them if it is unset). */
const listed = <T extends string>(variable: string, known: readonly T[], otherwise: readonly T[] = known): T[] => {
  const value = process.env[variable];
  if (!value) return [...otherwise];
  const wanted = value.split(",").map((name) => name.trim());
  const unknown = wanted.filter((name) => !known.includes(name as T));
  if (unknown.length) throw new Error(`${variable}: unknown ${unknown.join(", ")} (known: ${known.join(", ")})`);
  return wanted as T[];
};
const backends = listed<Backend>("CHAOS_BACKEND", ["session", "local", "indexeddb", "cookie"]);
const engines = listed<EngineName>("CHAOS_ENGINE", engineNames, enginesToTest());
// Fixed seeds per engine and backend. Chromium: picked with the soak run; on the core of commit
// fd0d869 all but local 1416196460 broke an invariant in most runs (a seed fixes the schedule,
// not the browser's timing). Firefox and WebKit: one seed per backend, so that both finish while
// Chromium's ten tests still run (the engines run side by side; a second seed each would make
// them the longest part), chosen among the first 4000 seeds as schedules with every kind of step
// (939 also duplicates at a refresh's start and at its commit); each passed in every run here.
// Local seed 2595 found a core bug in WebKit (fixed): while every tab still held the first ID at
// generation 0, junk was written and a tab reloaded before the live tabs had repaired it; the new
// document's fresh generation-0 ID outranked the held one by the ID tie-break, so every tab moved
// to it without a refresh. A tab now promotes a generation-0 ID to 1 under the lock at start
// (browserScope), and crossTab.test.ts has the deterministic case.
// WebKit cookie seed 1460269119 (a soak) found another (fixed): a tab entered the back/forward
// cache while its refresh's callback ran; WebKit rejected the granted lock request ("the browsing
// context is going away") and the refresh rejected, but on restore the callback finished and
// committed. A granted lock's outcome is now its callback's (crossTabLock; crossTab.test.ts has
// the deterministic case). It failed 3 of 6 replays before the fix, 0 of 8 after.
// CHAOS_SEED replays given seeds instead.
const fixedSeeds: Record<EngineName, Record<Backend, number[]>> = {
  chromium: { session: [2, 1846281638], local: [136782479, 1416196460], indexeddb: [2, 1620668454], cookie: [2, 342444895] },
  firefox: { session: [939], local: [2595], indexeddb: [3295], cookie: [3823] },
  webkit: { session: [939], local: [2595], indexeddb: [3295], cookie: [1460269119] },
};
const seedsOf = (engine: EngineName, backend: Backend) =>
  process.env.CHAOS_SEED ? process.env.CHAOS_SEED.split(",").map(Number) : fixedSeeds[engine][backend];
const soak = !!process.env.CHAOS_SOAK;
const soakMinutes = Number(process.env.CHAOS_SOAK_MINUTES ?? 10);

beforeAll(startServer, 60_000);
afterAll(stopServer);

/** Runs one seed in `engine`; answers the report of its violations ("" when there are none). */
const chaos = async (engine: Engine, seed: number, backend: Backend) => {
  const schedule = makeSchedule(seed, backend);
  const result = await runSchedule(engine, schedule);
  const violations = check(result);
  if (!violations.length) return "";
  const file = join(tmpdir(), `sessionid-chaos-${engine.name}-${backend}-${seed}.log`);
  writeFileSync(file, [...violations, "", describeSchedule(schedule), "", "driver:", ...result.log, "", "events:", timeline(result)].join("\n"));
  return [
    `CHAOS FAILURE in ${engine.name}: replay with CHAOS_ENGINE=${engine.name} CHAOS_SEED=${seed} CHAOS_BACKEND=${backend}`,
    ...violations.map((line) => `  ${line}`),
    describeSchedule(schedule),
    `driver log and every event: ${file}`,
  ].join("\n");
};

/** A fresh profile of `engine` for `test`, closed after it. */
const withProfile = async (engine: Engine, test: (profile: Profile) => Promise<void>) => {
  const profile = await engine.newProfile();
  try {
    await test(profile);
  } finally {
    await profile.close();
  }
};


// The engines side by side (concurrent describes); in each, one test at a time (sequential tests).
for (const name of engines)
  describe.concurrent(`chaos in ${name}`, () => {
    let engine: Engine;
    beforeAll(async () => void (engine = await launchChaosEngine(name)), 120_000);
    afterAll(() => engine?.close(), 60_000);

    /**
     * A test in Chromium only (the one engine whose tabs really freeze) on two tabs of a fresh
     * profile, both on the agent's page with `backend` and loaded: `run` names their log.
     */
    const twoTabTest = (title: string, backend: Backend, test: (tabs: readonly [Tab, Tab], docs: string[], run: string) => Promise<void>) => {
      if (name == "chromium")
        it.sequential(
          `${title} [chromium]`,
          () =>
            withProfile(engine, async (profile) => {
              const run = `two-tabs-${Date.now()}`;
              const tabs = [await profile.openTab(pageUrl(run, backend)), await profile.openTab(pageUrl(run, backend))] as const;
              await test(tabs, [await currentDoc(tabs[0]), await currentDoc(tabs[1])], run);
            }),
          120_000,
        );
    };

    twoTabTest("a real freeze: a frozen tab's timers do not run until it is resumed", "local", async ([tab, other], [doc], run) => {
      // The ticks log through the server, with the page's time: a frozen page answers no evaluate.
      await tab.evaluate(() => void setInterval(() => console.log("tick"), 20));
      const ticks = () => events(run).filter((e) => e.type == "console" && e.text == "tick").map((e) => e.t);
      await until("a tick", async () => ticks().length > 0);
      await tab.freeze!();
      // Meanwhile the other tab's timers run: the machine is not just slow.
      await other.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1500)));
      const resumedAt = Date.now();
      await tab.resume!();
      await until("a tick after resuming", async () => ticks().some((t) => t >= resumedAt), 20_000);
      // From the page's own freeze event (ticks already queued may run before it) to the resume.
      const frozenAt = events(run).find((e) => e.doc == doc && e.type == "freeze")?.t;
      expect(frozenAt).toBeLessThan(resumedAt);
      expect(ticks().filter((t) => t > frozenAt! && t < resumedAt)).toEqual([]);
    });

    // IndexedDB: news reaches other tabs on a BroadcastChannel, which a frozen Chromium tab still
    // hears (its timers, storage and cookie events wait until it is resumed).
    twoTabTest("a frozen tab that hears a removal takes the lock only once resumed, so no other tab's refresh waits for it", "indexeddb", async ([frozen, other], docs, run) => {
      await until("both sessions started", async () => docs.every((doc) => events(run).some((e) => e.doc == doc && e.type == "started")));
      const lockHolders = () =>
        other.evaluate(() =>
          navigator.locks.query().then(({ held = [], pending = [] }) => [...held, ...pending].filter((lock) => lock.name == "sessionid:sessionid").length),
        );
      // Settled first: right after start a new ID is promoted under the lock.
      await until("no refresh lock in use", async () => (await lockHolders()) == 0);
      await frozen.freeze!();
      // An external removal: the other tab hears it too and puts the ID back under the lock.
      await other.evaluate(() => window.chaos.remove());
      await until("the ID put back", async () => (await other.evaluate(() => window.chaos.read())).stored != null);
      await other.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1500)));
      // A repair the frozen tab started would hold the lock (granted) until resumed.
      expect(await lockHolders()).toBe(0);
      const { get: id } = await other.evaluate(() => window.chaos.read());
      await frozen.resume!();
      await until("the resumed tab on the same ID", async () => (await frozen.evaluate(() => window.chaos.read())).get == id, 20_000);
      expect(events(run).filter((e) => e.type == "onError" && e.code == "lock-timeout")).toEqual([]);
    });

    twoTabTest("a session lifetime: a tab frozen past the idle timeout rotates when it is resumed, never while frozen", "local", async ([tab, other], _docs, run) => {
      const idleTimeout = 8000;
      // Its own key beside the agent's session; what it shows is logged with the page's time.
      const first = await tab.evaluate(async (idleTimeout) => {
        const { createSession, localStorageBackend, sessionLifetime } = window.sessionid;
        const session = createSession({ storage: localStorageBackend(), key: "life", lifetime: sessionLifetime({ idleTimeout }) });
        session.subscribe((id) => console.log(`life ${id}`));
        return (await session.ready()) as string;
      }, idleTimeout);
      const rotations = () => events(run).filter((e) => e.type == "console" && String(e.text).startsWith("life "));
      await tab.freeze!();
      const frozenSince = Date.now();
      // Past the idle timeout while frozen: the tab's timers do not run, the other tab's do.
      await other.evaluate((ms) => new Promise((resolve) => setTimeout(resolve, ms)), idleTimeout + 2000);
      expect(rotations()).toEqual([]);
      const resumedAt = Date.now();
      await tab.resume!();
      await until("a rotation after resuming", async () => rotations().length > 0, 20_000);
      const [rotation] = rotations();
      expect(rotation!.t).toBeGreaterThanOrEqual(resumedAt);
      expect(rotation!.text).not.toBe(`life ${first}`);
      expect(resumedAt - frozenSince).toBeGreaterThan(idleTimeout);
    });

    it.sequential(`a page left for ?away and gone back to with history.back() is restored, not reloaded [${name}]`, () =>
      withProfile(engine, async (profile) => {
        const run = `bfcache-${Date.now()}`;
        const tab = await profile.openTab(pageUrl(run, "local"));
        const doc = await currentDoc(tab);
        await tab.goto(`${pageUrl(run, "local")}&away`);
        await currentDoc(tab, { away: true });
        await tab.back();
        expect(await currentDoc(tab)).toBe(doc);
        await until("pageshow", async () => events(run).some((e) => e.doc == doc && e.type == "pageshow" && e.persisted));
      }),
      120_000,
    );

    if (!soak)
      for (const backend of backends)
        for (const seed of seedsOf(name, backend))
          it.sequential(`${backend}, seed ${seed}: the invariants hold after a random schedule [${name}]`, async () => {
            const report = await chaos(engine, seed, backend);
            expect(report, report).toBe("");
          }, 180_000);
    else
      it.sequential(`random seeds for ${soakMinutes} minutes: the invariants hold [${name}]`, async () => {
        const end = Date.now() + soakMinutes * 60_000;
        const failures: string[] = [];
        let runs = 0;
        while (Date.now() < end) {
          const seed = Math.floor(Math.random() * 2 ** 31);
          const backend = backends[runs++ % backends.length]!;
          const report = await chaos(engine, seed, backend);
          if (report) failures.push(report), console.log(report);
        }
        console.log(`soak in ${name}: ${runs} runs, ${failures.length} failing`);
        expect(failures, failures.join("\n\n")).toEqual([]);
      }, soakMinutes * 60_000 + 240_000);
  });
