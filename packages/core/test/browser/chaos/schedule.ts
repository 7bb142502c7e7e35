// A random schedule from a seed: the same seed gives the same schedule, so a failure is replayed
// with CHAOS_SEED=<seed>. Tabs are named t0, t1, … in the order they appear; the generator keeps a
// model of which tabs are live and frozen, so every action names a tab it can act on. The schedule
// depends on the seed and the backend only: in an engine that cannot freeze a tab (Firefox,
// WebKit) the runner makes freeze and resume no-ops, and the "frozen" tab just gets no steps.
import type { Backend, Callback } from "./agent.ts";

/** mulberry32: small, fast, good enough for schedules. */
export const prng = (seed: number) => {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
  };
};

export type Action =
  | { kind: "refresh"; tab: string; callback: Callback; ms: number; rid: string }
  | { kind: "reload"; tab: string }
  | { kind: "close"; tab: string }
  | { kind: "open"; tab: string }
  | {
      kind: "duplicate";
      tab: string;
      into: string;
      /** A refresh started with it, the window opened in the task after the call or after the
       * commit: the refresh's lock (or commit mark) is then often granted while the page is inside
       * window.open(). */
      refresh?: { rid: string; callback: Callback; ms: number; open: "start" | "commit" };
    }
  | { kind: "back-forward"; tab: string }
  | { kind: "freeze"; tab: string }
  | { kind: "resume"; tab: string }
  | { kind: "remove"; tab: string }
  | { kind: "junk"; tab: string }
  | { kind: "long-task"; tab: string; ms: number };

/** An action, then a pause of `gap` ms before the next one (actions overlap: refreshes are not awaited). */
export type Step = Action & { gap: number };

export interface Schedule {
  seed: number;
  backend: Backend;
  /** Tabs open at the start. */
  initial: string[];
  steps: Step[];
}

const weights: [Action["kind"], number][] = [
  ["refresh", 30],
  ["reload", 6],
  ["close", 4],
  ["open", 4],
  ["duplicate", 6],
  ["back-forward", 5],
  ["freeze", 4],
  ["resume", 0], // chosen by its own rule below
  ["remove", 5],
  ["junk", 4],
  ["long-task", 4],
];

export const makeSchedule = (seed: number, backend: Backend, length = 16): Schedule => {
  const random = prng(seed);
  const count = random.int(2, 4);
  let named = 0;
  const live: string[] = [];
  const frozen = new Set<string>();
  for (let i = 0; i < count; i++) live.push(`t${named++}`);
  const initial = [...live];
  const steps: Step[] = [];
  let refreshes = 0;
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  while (steps.length < length) {
    const awake = live.filter((tab) => !frozen.has(tab));
    const gap = random.next() < 0.4 ? random.int(0, 30) : random.int(50, 400);
    // A frozen tab is resumed within a few steps.
    if (frozen.size && random.next() < 0.3) {
      const tab = random.pick([...frozen]);
      frozen.delete(tab);
      steps.push({ kind: "resume", tab, gap });
      continue;
    }
    let roll = random.next() * total;
    let kind: Action["kind"] = "refresh";
    for (const [candidate, weight] of weights) if ((roll -= weight) < 0) (kind = candidate), (roll = Infinity);
    if (!awake.length) continue;
    const tab = random.pick(awake);
    switch (kind) {
      case "refresh": {
        const callback = random.pick(["fast", "slow", "throw", "slow-throw", "slow", "fast"] as const);
        steps.push({ kind, tab, callback, ms: random.int(100, 700), rid: `r${refreshes++}`, gap });
        break;
      }
      case "open":
      case "duplicate":
        if (live.length >= 4) continue;
        if (kind == "open") steps.push({ kind, tab: `t${named}`, gap });
        else {
          const refresh =
            random.next() < 0.5
              ? {
                  rid: `r${refreshes++}`,
                  callback: random.pick(["fast", "slow", "throw"] as const),
                  ms: random.int(100, 400),
                  open: random.pick(["start", "commit"] as const),
                }
              : undefined;
          steps.push({ kind, tab, into: `t${named}`, gap, ...(refresh && { refresh }) });
        }
        live.push(`t${named++}`);
        break;
      case "close":
        if (live.length <= 2) continue;
        live.splice(live.indexOf(tab), 1);
        steps.push({ kind, tab, gap });
        break;
      case "freeze":
        // Keep one tab awake to act in.
        if (awake.length < 2) continue;
        frozen.add(tab);
        steps.push({ kind, tab, gap });
        break;
      case "remove":
      case "junk": {
        // Browser-wide: done from another tab. Per tab (sessionStorage): the tab's own code does it.
        const by = backend == "session" ? tab : random.pick(awake);
        steps.push({ kind, tab: by, gap });
        break;
      }
      case "long-task":
        steps.push({ kind, tab, ms: random.int(1000, 2000), gap });
        break;
      default:
        steps.push({ kind, tab, gap } as Step);
    }
  }
  for (const tab of frozen) steps.push({ kind: "resume", tab, gap: 0 });
  return { seed, backend, initial, steps };
};

export const describeStep = (step: Step) => {
  const { kind, tab, gap } = step;
  const detail =
    step.kind == "refresh"
      ? ` ${step.rid} ${step.callback}${step.callback.startsWith("slow") ? ` ${step.ms}ms` : ""}`
      : step.kind == "duplicate"
        ? ` -> ${step.into}${step.refresh ? ` (opened at the ${step.refresh.open} of refresh ${step.refresh.rid} ${step.refresh.callback})` : ""}`
        : step.kind == "long-task"
          ? ` ${step.ms}ms`
          : "";
  return `${tab} ${kind}${detail}, then ${gap}ms`;
};

export const describeSchedule = (schedule: Schedule) =>
  [
    `seed ${schedule.seed}, backend ${schedule.backend}, tabs ${schedule.initial.join(" ")}`,
    ...schedule.steps.map((step, i) => `  ${String(i).padStart(2)}. ${describeStep(step)}`),
  ].join("\n");
