// Runs one schedule in a fresh profile of one engine and gathers what the invariants need.
import type { Engine, Tab } from "../../../../../test-shared/browsers/index.mjs";
import { currentDoc, events, pageUrl, sleep, tryEvaluate, within, type ChaosEvent } from "./harness.ts";
import { describeStep, type Schedule, type Step } from "./schedule.ts";

export interface TabRecord {
  name: string;
  tab?: Tab;
  /** Documents this tab showed, in order (a bfcache restore shows an earlier one again). */
  docs: string[];
  /** The tab this one was duplicated from. */
  duplicateOf?: string;
  closed: boolean;
}

export interface RunResult {
  run: string;
  engine: string;
  schedule: Schedule;
  tabs: TabRecord[];
  events: ChaosEvent[];
  /** When (Node's Date.now()) a document was left for good or its tab closed: a bound on its life. */
  ended: Map<string, number>;
  /** The final reads, per live tab, after quiet. */
  final: { tab: string; doc: string; get: string | null; stored: string | null }[];
  /** Harness-level failures: a document that never started, no quiet, a refresh never settled. */
  problems: string[];
  log: string[];
}

/** How long a driver call (a navigation, opening or closing a tab) may take before it counts as stuck. */
const driverTimeout = 60_000;

let runs = 0;

/**
 * Runs `schedule` in a fresh profile of `engine`. A freeze or resume step is a no-op (noted in
 * the log) in an engine whose tabs cannot be frozen (Firefox, WebKit): the schedule, made from
 * the seed alone, is the same in every engine, and the generator's model keeps a "frozen" tab out
 * of the steps until its resume either way.
 */
export const runSchedule = async (engine: Engine, schedule: Schedule): Promise<RunResult> => {
  const run = `${engine.name}-${schedule.backend}-${schedule.seed}-${Date.now()}-${runs++}`;
  const url = pageUrl(run, schedule.backend);
  const profile = await engine.newProfile();
  const tabs = new Map<string, TabRecord>();
  const ended = new Map<string, number>();
  const problems: string[] = [];
  const log: string[] = [];
  const background: Promise<unknown>[] = [];
  const started = Date.now();
  const note = (line: string) => log.push(`${String(Date.now() - started).padStart(6)}ms ${line}`);

  const docOf = (tab: TabRecord) => tab.docs.at(-1)!;
  const waitDoc = async (tab: TabRecord, options: Parameters<typeof currentDoc>[1] = {}) => {
    try {
      return await currentDoc(tab.tab!, options);
    } catch (error) {
      problems.push(`I5: ${tab.name}: ${(error as Error).message}`);
      return undefined;
    }
  };
  const addDoc = (tab: TabRecord, doc: string | undefined) => {
    if (doc && doc != tab.docs.at(-1)) tab.docs.push(doc);
  };
  /** A driver call that must not hang the run: a failure or a timeout is noted, not thrown. */
  const drive = async (what: string, call: () => Promise<unknown>) => {
    let failure = "";
    const done = await within(
      call().then(
        () => true,
        (error: Error) => void (failure = error.message),
      ),
      driverTimeout,
    );
    if (!done) note(`  ${what}: ${failure || `no answer in ${driverTimeout} ms`}`);
    return !!done;
  };
  // The tab's name goes on window.name, which later documents of the tab inherit.
  const nameTab = (tab: TabRecord) => tryEvaluate(tab.tab!, (name) => void (window.name = name), tab.name);
  const open = async (name: string) => {
    const tab: TabRecord = { name, docs: [], closed: false };
    tabs.set(name, tab);
    tab.tab = await within(profile.openTab(url), driverTimeout);
    if (!tab.tab) {
      problems.push(`harness: tab ${name} did not open`);
      tab.closed = true;
      return;
    }
    addDoc(tab, await waitDoc(tab));
    await nameTab(tab);
  };

  const act = async (step: Step) => {
    // Every step but "open" names a live tab (the loop below skips the others).
    const record = tabs.get(step.tab)!;
    const tab = record?.tab as Tab;
    note(describeStep(step));
    switch (step.kind) {
      case "refresh":
        background.push(tryEvaluate(tab, (a) => window.chaos.refresh(a.rid, a.callback, a.ms), step, 10_000));
        break;
      case "long-task":
        background.push(tryEvaluate(tab, (ms) => window.chaos.longTask(ms), step.ms));
        break;
      case "remove":
        await tryEvaluate(tab, () => window.chaos.remove(), undefined, 10_000);
        break;
      case "junk":
        await tryEvaluate(tab, () => window.chaos.junk(), undefined, 10_000);
        break;
      case "reload": {
        const old = docOf(record);
        const at = Date.now();
        await drive("reload", () => tab.reload());
        ended.set(old, at);
        addDoc(record, await waitDoc(record, { notDoc: old }));
        break;
      }
      case "close":
        ended.set(docOf(record), Date.now());
        record.closed = true;
        await drive("close", () => tab.close());
        break;
      case "open":
        await open(step.tab);
        break;
      case "duplicate": {
        const copy: TabRecord = { name: step.into, docs: [], closed: false, duplicateOf: step.tab };
        tabs.set(step.into, copy);
        // With a refresh, the window.open the driver makes starts the refresh, which opens the
        // window itself (agent.ts, openWithRefresh).
        if (step.refresh) await tryEvaluate(tab, (refresh) => window.chaos.openWithRefresh(refresh), step.refresh);
        await drive("duplicate", async () => void (copy.tab = await tab.openFromPage()));
        if (!copy.tab) {
          problems.push(`harness: ${step.tab} opened no duplicate`);
          copy.closed = true;
          break;
        }
        addDoc(copy, await waitDoc(copy));
        await nameTab(copy);
        break;
      }
      case "back-forward": {
        const old = docOf(record);
        const at = Date.now();
        await drive("away", () => tab.goto(`${url}&away`));
        await waitDoc(record, { away: true });
        await drive("back", () => tab.back());
        const doc = await waitDoc(record);
        // Restored from the back/forward cache (the same document) or loaded afresh.
        if (doc && doc != old) ended.set(old, at);
        note(`  ${step.tab} came back ${doc == old ? "restored from the back/forward cache" : "as a new document"}`);
        addDoc(record, doc);
        break;
      }
      case "freeze":
        if (!tab.freeze) {
          note(`  no-op: ${engine.name} cannot freeze a tab`);
          break;
        }
        await tab.freeze().catch((error: Error) => problems.push(`harness: freeze ${record.name}: ${error.message}`));
        break;
      case "resume":
        if (!tab.resume) break;
        await tab.resume().catch((error: Error) => problems.push(`harness: resume ${record.name}: ${error.message}`));
        // Chromium reloads a tab that was frozen while it blocked others (IndexedDB): find out.
        addDoc(record, await waitDoc(record));
        break;
    }
  };

  try {
    for (const name of schedule.initial) await open(name);
    for (const step of schedule.steps) {
      const tab = tabs.get(step.tab);
      if (step.kind != "open" && (!tab || tab.closed)) continue;
      await act(step);
      if (step.gap) await sleep(step.gap);
    }
    note("quiet");
    await Promise.all(background);
    const live = () => [...tabs.values()].filter((tab) => !tab.closed && tab.tab);

    // Quiet: every live tab's document has delivered its log, every refresh it started has
    // settled, and what tabs and storage hold is stable (and, browser-wide, one ID).
    const unsettled = () => {
      const all = events(run);
      const liveDocs = new Set(live().map(docOf));
      const settled = new Set(all.filter((e) => e.type == "refresh-resolved" || e.type == "refresh-rejected").map((e) => e.rid));
      return all.filter((e) => e.type == "refresh-called" && liveDocs.has(e.doc) && !settled.has(e.rid)).map((e) => e.rid as string);
    };
    let previous = "";
    let stableSince = 0;
    let reads: RunResult["final"] = [];
    const quietEnd = Date.now() + 20_000;
    for (;;) {
      // Before the reads: a refresh that settles while they run (its commit after a tab was
      // read) must make this round not count, not pass as settled beside the older reads.
      const pending = unsettled();
      reads = [];
      let delivered = true;
      for (const tab of live()) {
        const state = await tryEvaluate(tab.tab!, async () => ({ ...(await window.chaos.read()), doc: window.chaos.doc, seq: window.chaos.seq() }), undefined);
        if (!state) {
          delivered = false;
          continue;
        }
        addDoc(tab, state.doc);
        reads.push({ tab: tab.name, doc: state.doc, get: state.get, stored: state.stored });
        // The read itself logs one event; everything before it must have arrived.
        if (events(run).filter((e) => e.doc == state.doc).length < state.seq - 1) delivered = false;
      }
      const shape = JSON.stringify(reads);
      const agreed = schedule.backend == "session" || new Set(reads.flatMap((r) => [r.get, r.stored])).size == 1;
      if (shape != previous) (previous = shape), (stableSince = Date.now());
      if (delivered && agreed && !pending.length && Date.now() - stableSince >= 600) break;
      if (Date.now() > quietEnd) {
        if (!delivered) problems.push("harness: some live tab's log never arrived");
        if (pending.length) problems.push(`I5: refresh() never settled in a live tab: ${pending.join(", ")}`);
        if (!agreed) problems.push(`I1: no quiet after 20 s: tabs and storage hold ${shape}`);
        break;
      }
      await sleep(200);
    }
    // Stragglers from closed documents.
    await sleep(300);
    note("done");
    return { run, engine: engine.name, schedule, tabs: [...tabs.values()], events: [...events(run)], ended, final: reads, problems, log };
  } finally {
    await profile.close();
  }
};
