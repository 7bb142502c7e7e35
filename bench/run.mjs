// `pnpm bench`: measures everything side by side in one run, prints one table and writes the
// same figures to results.json. `--readme` also replaces the block between the bench markers in
// the root README.md. See README.md here for what each figure means.
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { availableParallelism, cpus } from "node:os";
import { promisify } from "node:util";
import { measureBrowser } from "./lib/browser.mjs";

const here = new URL(".", import.meta.url).pathname;
const started = performance.now();
const step = (name, end = "…") => process.stderr.write(`bench: ${name}${end}\n`);

step("renders until the ID is visible (Vite builds, jsdom)");
const renders = JSON.parse(
  (await promisify(execFile)(process.execPath, [`${here}lib/renders.mjs`], { maxBuffer: 1 << 24 })).stdout,
);
const engineLabels = { chromium: "Chromium", firefox: "Firefox", webkit: "WebKit" };
const browser = await measureBrowser({
  rotations: 200,
  warmup: 10,
  onEngine: (name) => step(`cross-tab latency, IndexedDB ready${name == "chromium" ? ", get() cost" : ""} (${engineLabels[name]})`),
});
for (const [name, figures] of Object.entries(browser)) {
  for (const [kind, { heardPerRotation }] of Object.entries(figures.crossTab))
    if (heardPerRotation != 1)
      step(`note: ${engineLabels[name]}: tab B heard ${heardPerRotation} changes per rotation with ${kind} (expected 1)`, ".");
  if (figures.errors.length) step(`note: ${engineLabels[name]}: the pages reported ${figures.errors.join(" | ")}`, ".");
}
const timerSteps = Object.entries(browser)
  .map(([name, { timerResolution }]) => `${engineLabels[name]} ${+(timerResolution * 1000).toPrecision(2)} µs`)
  .join(", ");
const versions = Object.entries(browser).map(([name, { version }]) => `${engineLabels[name]} ${version.replace(/^firefox\//, "")}`);

const date = new Date().toISOString().slice(0, 10);
const results = {
  date,
  command: "npx -y pnpm@10.34.9 bench",
  machine: {
    node: process.version,
    cpus: availableParallelism(),
    cpu: cpus()[0]?.model,
    ...Object.fromEntries(Object.entries(browser).map(([name, { version }]) => [name, version])),
  },
  renders,
  browser,
};
await writeFile(`${here}results.json`, `${JSON.stringify(results, null, 2)}\n`);

// ---- the table ----
const ms = (value) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const times = (ratio) => `${ratio < 0.01 ? ratio.toPrecision(1) : ratio.toFixed(2)}×`;
const rows = [];

const shown = (row) =>
  row ? `${row.rendersUntilVisible ?? "never"}${row.hydrationWarnings ? " (hydration error)" : ""}` : "–";
const find = (framework, backend, ssrFriendly) =>
  renders.find((row) => row.framework == framework && row.backend == backend && (ssrFriendly === undefined || row.ssrFriendly == ssrFriendly));
const triple = (framework, ssrFriendly) =>
  ["sync", "async", "hydrate"].map((backend) => shown(find(framework, backend, ssrFriendly))).join(" / ");
for (const [framework, name] of [["react", "React"], ["vue", "Vue"], ["svelte", "Svelte"], ["solid", "Solid"]])
  rows.push([`renders to ID (sync / async / SSR+hydration): ${name}`, triple(framework), "", ""]);
rows.push(["renders to ID: convex-helpers SessionProvider", "", triple("convexHelpers", false), ""]);
rows.push(["renders to ID: convex-helpers SessionProvider ssrFriendly", "", triple("convexHelpers", true), ""]);

for (const [engine, figures] of Object.entries(browser)) {
  const label = engineLabels[engine];
  for (const [kind, name] of [["local", "localStorage"], ["indexeddb", "IndexedDB"], ["cookie", "cookie"]]) {
    const { p50, p95, rotations } = figures.crossTab[kind];
    rows.push([`cross-tab rotation p50 / p95 (${rotations} rotations), ${label}: ${name}`, `${ms(p50)} / ${ms(p95)}`, "", ""]);
  }
}
for (const [engine, { indexedDBReady: ready }] of Object.entries(browser))
  rows.push([
    `IndexedDB time to ready (median) vs raw idb-keyval get, ${engineLabels[engine]}`,
    ms(ready.ours),
    ms(ready.baseline),
    times(ready.ours / ready.baseline),
  ]);
const cost = browser.chromium?.getCost;
if (cost)
  rows.push([
    "session.get() vs sessionStorage.getItem (per call, median), Chromium",
    `${cost.ours.toFixed(1)} ns`,
    `${cost.baseline.toFixed(1)} ns`,
    times(cost.ours / cost.baseline),
  ]);

const header = ["figure", "ours", "baseline", "ours/baseline"];
const table = [header, header.map(() => "---"), ...rows].map((row) => `| ${row.join(" | ")} |`).join("\n");
const notes = [
  `${date}, \`npx -y pnpm@10.34.9 bench\`, Node ${process.version}, ${availableParallelism()} CPUs, ${versions.join(", ")}.`,
  "Sizes, with the anchor (convex-helpers' React sessions), are size-limit's, in the Size table above.",
  "Renders: evaluations of the value a component shows, until it shows the ID (jsdom; async = IndexedDB via",
  "fake-indexeddb; SSR = no `initialId`). Baselines: convex-helpers for renders, the raw platform call for the",
  `in-browser rows (Debian's packages; performance.now() steps: ${timerSteps}). Details: bench/README.md.`,
];
const output = `${table}\n\n${notes.join("\n")}\n`;
process.stdout.write(`\n${output}\n`);

if (process.argv.includes("--readme")) {
  const readme = new URL("../README.md", import.meta.url);
  const text = await readFile(readme, "utf8");
  const block = /(<!-- bench:start -->\n)[\s\S]*?(<!-- bench:end -->)/;
  if (!block.test(text)) throw new Error("README.md has no <!-- bench:start --> … <!-- bench:end --> block: add it back.");
  await writeFile(readme, text.replace(block, (_, start, end) => `${start}${output}${end}`));
  step("README.md block updated", ".");
}
step(`done in ${((performance.now() - started) / 1000).toFixed(0)} s; figures in bench/results.json`, ".");
