// Seeded, randomized multi-tab chaos in real Chromium: N tabs (2–4) of one profile run a random
// schedule (refreshes with fast, slow and throwing callbacks, reloads, closes, new and duplicated
// tabs, back/forward through the real bfcache, real freezes, external removals, junk writes,
// long tasks), then go quiet, and the invariants (chaos/invariants.ts) are checked over what every
// document logged.
//
//   npx vitest run --project core-browser packages/core/test/browser/chaos.test.ts
//   CHAOS_SEED=123 [CHAOS_BACKEND=local] npx vitest run --project core-browser …/chaos.test.ts   (replay one seed)
//   CHAOS_SOAK=1 [CHAOS_SOAK_MINUTES=10] [CHAOS_BACKEND=cookie] npx vitest run …                (many random seeds)
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Backend } from "./chaos/agent.ts";
import { events, launch, lifecycle, pageUrl, startServer, stopServer, until } from "./chaos/harness.ts";
import { check, timeline } from "./chaos/invariants.ts";
import { runSchedule } from "./chaos/runner.ts";
import { describeSchedule, makeSchedule } from "./chaos/schedule.ts";

const backends: Backend[] = ["session", "local", "indexeddb", "cookie"];
const chosen = process.env.CHAOS_BACKEND ? backends.filter((backend) => process.env.CHAOS_BACKEND!.split(",").includes(backend)) : backends;
if (!chosen.length) throw new Error(`CHAOS_BACKEND names none of ${backends.join(", ")}`);
// Two fixed seeds per backend, picked with the soak run: on the core of commit fd0d869 all but
// local 1416196460 broke an invariant in most runs (a seed fixes the schedule, not the browser's
// timing). CHAOS_SEED replays given seeds instead.
const fixedSeeds: Record<Backend, number[]> = {
  session: [2, 1846281638],
  local: [136782479, 1416196460],
  indexeddb: [2, 1620668454],
  cookie: [2, 342444895],
};
const seedsOf = (backend: Backend) => (process.env.CHAOS_SEED ? process.env.CHAOS_SEED.split(",").map(Number) : fixedSeeds[backend]);
const soak = !!process.env.CHAOS_SOAK;
const soakMinutes = Number(process.env.CHAOS_SOAK_MINUTES ?? 10);

beforeAll(startServer, 60_000);
afterAll(stopServer);

/** Runs one seed; answers the report of its violations ("" when there are none). */
const chaos = async (seed: number, backend: Backend) => {
  const schedule = makeSchedule(seed, backend);
  const result = await runSchedule(schedule);
  const violations = check(result);
  if (!violations.length) return "";
  const file = join(tmpdir(), `sessionid-chaos-${backend}-${seed}.log`);
  writeFileSync(file, [...violations, "", describeSchedule(schedule), "", "driver:", ...result.log, "", "events:", timeline(result)].join("\n"));
  return [
    `CHAOS FAILURE: replay with CHAOS_SEED=${seed} CHAOS_BACKEND=${backend}`,
    ...violations.map((line) => `  ${line}`),
    describeSchedule(schedule),
    `driver log and every event: ${file}`,
  ].join("\n");
};

describe("a real freeze (Page.setWebLifecycleState without Playwright's focus emulation)", () => {
  it("a frozen tab's setTimeout does not fire until the tab is resumed", async () => {
    const { context, close } = await launch();
    try {
      const run = `freeze-${Date.now()}`;
      const [page, other] = [await context.newPage(), await context.newPage()];
      await page.goto(pageUrl(run, "local"));
      await other.goto(pageUrl(run, "local"));
      await until("both tabs started", async () => (await page.evaluate(() => window.chaos.started)) && other.evaluate(() => window.chaos.started));
      await other.bringToFront();
      const cdp = await context.newCDPSession(page);
      // The timer logs (through the server, as a frozen page answers no evaluate) when it fires.
      await page.evaluate(() => void setTimeout(() => console.log("timer fired"), 100));
      await lifecycle(cdp, "frozen");
      const frozenAt = Date.now();
      const fired = () => events(run).filter((e) => e.type == "console" && e.text == "timer fired");
      // Meanwhile the other tab's timers run: the machine is not just slow.
      await other.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1500)));
      expect(Date.now() - frozenAt).toBeGreaterThanOrEqual(1500);
      expect(fired()).toEqual([]);
      await lifecycle(cdp, "active");
      await until("the timer after resuming", async () => fired().length == 1, 10_000);
      expect(fired()[0]!.t).toBeGreaterThanOrEqual(frozenAt + 1500);
    } finally {
      await close();
    }
  });
});

describe("the chaos browser has the real back/forward cache", () => {
  it("a page left for ?away and gone back to with history.back() is restored, not reloaded", async () => {
    const { context, close } = await launch();
    try {
      const run = `bfcache-${Date.now()}`;
      const page = await context.newPage();
      await page.goto(pageUrl(run, "local"));
      const doc = await until("started", () => page.evaluate(() => window.chaos.started && window.chaos.doc));
      await page.evaluate(() => void (location.href += "&away"));
      await until("the away page", () => page.evaluate(() => window.chaos?.away));
      await page.evaluate(() => void history.back());
      await until("the page back", () => page.evaluate(() => window.chaos && !window.chaos.away));
      expect(await page.evaluate(() => window.chaos.doc)).toBe(doc);
      await until("pageshow", async () => events(run).some((e) => e.doc == doc && e.type == "pageshow" && e.persisted));
    } finally {
      await close();
    }
  });
});

if (!soak)
  describe.each(chosen)("chaos in Chromium (%s)", (backend) => {
    it.each(seedsOf(backend))("seed %i: the invariants hold after a random schedule", async (seed) => {
      const report = await chaos(seed, backend);
      expect(report, report).toBe("");
    }, 120_000);
  });
else
  describe("chaos soak", () => {
    it(`random seeds for ${soakMinutes} minutes: the invariants hold`, async () => {
      const end = Date.now() + soakMinutes * 60_000;
      const failures: string[] = [];
      let runs = 0;
      while (Date.now() < end) {
        const seed = Math.floor(Math.random() * 2 ** 31);
        const backend = chosen[runs++ % chosen.length]!;
        const report = await chaos(seed, backend);
        if (report) failures.push(report), console.log(report);
      }
      console.log(`soak: ${runs} runs, ${failures.length} failing`);
      expect(failures, failures.join("\n\n")).toEqual([]);
    }, soakMinutes * 60_000 + 180_000);
  });
