// Runs one schedule in a fresh Chromium profile and gathers what the invariants need.
import type { CDPSession, Page } from "playwright-core";
import { currentDoc, events, launch, lifecycle, pageUrl, sleep, tryEvaluate, until, type ChaosEvent } from "./harness.ts";
import { describeStep, type Schedule, type Step } from "./schedule.ts";

export interface TabRecord {
  name: string;
  page?: Page;
  /** Documents this tab showed, in order (a bfcache restore shows an earlier one again). */
  docs: string[];
  /** The tab this one was duplicated from. */
  openerOf?: string;
  duplicateOf?: string;
  closed: boolean;
  cdp?: CDPSession;
  frozen: boolean;
}

export interface RunResult {
  run: string;
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

let runs = 0;

export const runSchedule = async (schedule: Schedule): Promise<RunResult> => {
  const run = `${schedule.backend}-${schedule.seed}-${Date.now()}-${runs++}`;
  const url = pageUrl(run, schedule.backend);
  const browser = await launch();
  const { context } = browser;
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
      return await currentDoc(tab.page!, options);
    } catch (error) {
      problems.push(`I5: ${tab.name}: ${(error as Error).message}`);
      return undefined;
    }
  };
  const addDoc = (tab: TabRecord, doc: string | undefined) => {
    if (doc && doc != tab.docs.at(-1)) tab.docs.push(doc);
  };
  // The tab's name goes on window.name, which later documents of the tab inherit.
  const nameTab = (tab: TabRecord) => tryEvaluate(tab.page!, (name) => void (window.name = name), tab.name);
  const open = async (name: string) => {
    const tab: TabRecord = { name, docs: [], closed: false, frozen: false };
    tabs.set(name, tab);
    tab.page = await context.newPage();
    await tab.page.goto(url, { waitUntil: "commit" }).catch(() => {});
    addDoc(tab, await waitDoc(tab));
    await nameTab(tab);
    return tab;
  };

  const act = async (step: Step) => {
    const tab = tabs.get(step.tab);
    note(describeStep(step));
    switch (step.kind) {
      case "refresh":
        background.push(tryEvaluate(tab!.page!, (a) => window.chaos.refresh(a.rid, a.callback, a.ms), step, 10_000));
        break;
      case "long-task":
        background.push(tryEvaluate(tab!.page!, (ms) => window.chaos.longTask(ms), step.ms));
        break;
      case "remove":
        await tryEvaluate(tab!.page!, () => window.chaos.remove(), undefined, 10_000);
        break;
      case "junk":
        await tryEvaluate(tab!.page!, () => window.chaos.junk(), undefined, 10_000);
        break;
      case "reload": {
        const old = docOf(tab!);
        const at = Date.now();
        await tab!.page!.reload({ waitUntil: "commit", timeout: 15_000 }).catch(() => {});
        ended.set(old, at);
        addDoc(tab!, await waitDoc(tab!, { notDoc: old }));
        break;
      }
      case "close": {
        ended.set(docOf(tab!), Date.now());
        tab!.closed = true;
        await tab!.page!.close({ runBeforeUnload: false }).catch(() => {});
        break;
      }
      case "open":
        await open(step.tab);
        break;
      case "duplicate": {
        const copy: TabRecord = { name: step.into, docs: [], closed: false, frozen: false, duplicateOf: step.tab };
        tabs.set(step.into, copy);
        const popup = context.waitForEvent("page", { timeout: 15_000 });
        await tryEvaluate(
          tab!.page!,
          (refresh) => {
            if (!refresh) return void window.open(location.href);
            window.chaos.refresh(refresh.rid, refresh.callback, refresh.ms, refresh.open);
          },
          step.refresh ?? null,
        );
        copy.page = await popup.catch(() => undefined);
        if (!copy.page) {
          problems.push(`harness: ${step.tab} opened no duplicate`);
          copy.closed = true;
          break;
        }
        addDoc(copy, await waitDoc(copy));
        await nameTab(copy);
        break;
      }
      case "back-forward": {
        const old = docOf(tab!);
        const at = Date.now();
        await tryEvaluate(tab!.page!, () => void (location.href = location.href + "&away"), undefined);
        await waitDoc(tab!, { away: true });
        await tryEvaluate(tab!.page!, () => void history.back(), undefined);
        const doc = await waitDoc(tab!, { notDoc: undefined });
        // Restored from the back/forward cache (the same document) or loaded afresh.
        if (doc && doc != old) ended.set(old, at);
        note(`  ${step.tab} came back ${doc == old ? "restored from the back/forward cache" : "as a new document"}`);
        addDoc(tab!, doc);
        break;
      }
      case "freeze": {
        const page = tab!.page!;
        // Only a background tab can be frozen: bring another awake tab to the front first.
        if ((await tryEvaluate(page, () => document.visibilityState, undefined)) == "visible") {
          const other = [...tabs.values()].find((t) => t != tab && !t.closed && !t.frozen && t.page);
          await other?.page!.bringToFront().catch(() => {});
        }
        tab!.cdp ??= await context.newCDPSession(page);
        await lifecycle(tab!.cdp, "frozen").catch((error) => problems.push(`harness: freeze ${tab!.name}: ${error.message}`));
        tab!.frozen = true;
        break;
      }
      case "resume":
        if (tab!.closed) break;
        await lifecycle(tab!.cdp!, "active").catch((error) => problems.push(`harness: resume ${tab!.name}: ${error.message}`));
        tab!.frozen = false;
        // Chromium reloads a tab that was frozen while it blocked others (IndexedDB): find out.
        addDoc(tab!, await waitDoc(tab!));
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
    const live = () => [...tabs.values()].filter((tab) => !tab.closed && tab.page);

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
      reads = [];
      let delivered = true;
      for (const tab of live()) {
        const state = await tryEvaluate(tab.page!, async () => ({ ...(await window.chaos.read()), doc: window.chaos.doc, seq: window.chaos.seq() }), undefined);
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
      if (delivered && agreed && !unsettled().length && Date.now() - stableSince >= 600) break;
      if (Date.now() > quietEnd) {
        if (!delivered) problems.push("harness: some live tab's log never arrived");
        if (unsettled().length) problems.push(`I5: refresh() never settled in a live tab: ${unsettled().join(", ")}`);
        if (!agreed) problems.push(`I1: no quiet after 20 s: tabs and storage hold ${shape}`);
        break;
      }
      await sleep(200);
    }
    // Stragglers from closed documents.
    await sleep(300);
    note("done");
    return { run, schedule, tabs: [...tabs.values()], events: [...events(run)], ended, final: reads, problems, log };
  } finally {
    await browser.close();
  }
};
