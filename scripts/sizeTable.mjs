// The root README's size table, made from size-limit's own figures (every package's size-limit
// config, run on the built packages), so the README cannot drift from what CI measures.
//
//   node scripts/sizeTable.mjs          prints the table
//   node scripts/sizeTable.mjs --write  writes it into README.md, between the size-table markers
//
// test-docs/sizeTable.test.ts checks that the README holds exactly this table and that every
// entry is within its limit.
import { execFile } from "node:child_process";
import { readmeSection } from "./readmeSection.mjs";
import { join } from "node:path";
import { promisify } from "node:util";

const root = join(import.meta.dirname, "..");
const packages = ["core", "react", "vue", "svelte", "solid", "convex"];
const development = " [development build]";

/** What the modular core was asked to fit in (production, min+gzip), by size-limit entry name. */
export const budgets = {
  "createSession() (default sessionStorage backend, duplicate detection)": 1600,
  "createSession({ storage: localStorageBackend() })": 2050,
  "with indexedDBBackend() (idb-keyval included)": 2850,
  "with cookieBackend()": 2600,
  "SessionProvider and every hook with @sessionid/core, default backend (react external)": 2000,
  "sessionPlugin, provideSession and every composable with @sessionid/core, default backend (vue external)": 2000,
  "SessionProvider and every primitive with @sessionid/core, default backend (solid-js external)": 2000,
};

/** size-limit's way of writing a size: bytes below 1 kB, else kB (1000 bytes) with two decimals. */
export const formatSize = (bytes) => (bytes < 1000 ? `${bytes} B` : `${(bytes / 1000).toFixed(2)} kB`);

/** Every package's size-limit entries, measured: `{ package, name, size, limit, passed }`. */
export const measure = async () => {
  const rows = [];
  for (const name of packages) {
    const dir = join(root, "packages", name);
    const { stdout } = await promisify(execFile)(join(root, "node_modules/.bin/size-limit"), ["--json"], { cwd: dir }).catch((error) => {
      throw new Error(`size-limit failed in packages/${name} (run the build first: npx -y pnpm@10.34.9 build)\n${error.stdout ?? ""}${error.stderr ?? ""}`);
    });
    for (const entry of JSON.parse(stdout)) rows.push({ package: name, name: entry.name, size: entry.size, limit: entry.sizeLimit, passed: entry.passed });
  }
  return rows;
};

/** The markdown table for `rows` (from {@link measure}). */
export const tableOf = (rows) => {
  const lines = ["| package | entry | production | development | limit | budget |", "| --- | --- | --- | --- | --- | --- |"];
  for (const row of rows) {
    if (row.name.endsWith(development)) continue;
    const dev = rows.find((other) => other.package == row.package && other.name == row.name + development);
    const budget = budgets[row.name];
    const verdict = budget == null ? "" : `${formatSize(budget)} (${row.size <= budget ? "met" : `${formatSize(row.size - budget)} over`})`;
    lines.push(`| ${row.package} | ${row.name} | ${formatSize(row.size)} | ${dev ? formatSize(dev.size) : ""} | ${row.limit ? formatSize(row.limit) : ""} | ${verdict} |`);
  }
  return lines.join("\n");
};

const section = readmeSection("size-table", "scripts/sizeTable.mjs");

/** The table the README holds now. */
export const readmeTable = () => section.read();

if (import.meta.url == `file://${process.argv[1]}`) {
  const table = tableOf(await measure());
  if (process.argv.includes("--write")) section.write(table);
  console.log(table);
}
