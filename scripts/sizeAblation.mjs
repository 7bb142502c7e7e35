// What each behaviour of the core costs: every size-limit-like entry (esbuild, minified,
// production condition, min+gzip) bundled once as shipped and once with one behaviour's module
// replaced by the least that keeps the rest compiling. The difference is what that behaviour
// costs an app; the last row drops all of them at once. A measurement for deciding what must
// stay (the brief asks for each of these), not a build anyone ships.
//
//   node scripts/sizeAblation.mjs          prints the figures as a table
//   node scripts/sizeAblation.mjs --write  writes it into README.md, between the size-ablation markers
// (test-docs/sizeTable.test.ts fails when the README's table drifts from what this measures.)
import { readmeSection } from "./readmeSection.mjs";
import { gzipSync } from "node:zlib";
import { bundleCore, coreEntries } from "./bundleCore.mjs";

// The default and the localStorage entries (the budgets' first two rows), named as in the README.
const entries = {
  "`createSession()`": coreEntries["createSession()"],
  "`+ localStorageBackend()`": coreEntries["+ localStorageBackend()"],
};

// Module (under packages/core/src) → the stand-in without the behaviour.
const behaviours = {
  "IDs blanked out of errors (redactIds)": {
    "redactIds.ts": `export const redactIds = (value) => value;`,
  },
  "option checks (readOptions' checks; defaults kept)": {
    "readOptions.ts": `
      import { generateSessionId } from "./generateSessionId.ts";
      import { isSessionId } from "./isSessionId.ts";
      import { sessionStorageBackend } from "./storage/sessionStorageBackend.ts";
      export const readOptions = (options = {}) => ({
        ...options,
        key: options.key ?? "sessionid",
        storage: options.storage ?? sessionStorageBackend(),
        generateId: options.generateId ?? generateSessionId,
        validate: options.validate ?? isSessionId,
        lockTimeout: options.lockTimeout ?? 1e4,
        refreshTimeout: options.refreshTimeout ?? 3e4,
        storageTimeout: options.storageTimeout ?? 1e4,
        server: options.server ?? typeof window > "u",
      });`,
  },
  "storage faults survived (guardStorage: memory fallback, storage timeout)": {
    "guardStorage.ts": `
      import { encodeStored } from "./storedSession.ts";
      export const guardStorage = (backend, key) => ({
        read: () => backend.get(key),
        write: (value) => backend.set(key, encodeStored(value)),
        readOrCreate: (create) => (backend.update ? backend.update(key, create) : backend.get(key)),
      });`,
  },
  "refresh timeout and abort signal (callWithTimeout)": {
    "callWithTimeout.ts": `export const callWithTimeout = (_timeout, callback) => Promise.resolve().then(() => callback(undefined));`,
  },
  "duplicated-tab detection (tabScope)": {
    "tabScope.ts": `export const tabScope = () => ({});`,
  },
  "generations and stored-value validation (storedSession)": {
    "storedSession.ts": `
      export const encodeStored = ({ id }) => id;
      export const decodeStored = (value, validate) => (typeof value == "string" && validate(value) ? { id: value, gen: 0 } : undefined);
      export const isLater = (a, b) => !!a && a.id != b?.id;`,
  },
  "faults as SessionErrors with onError (createReporter)": {
    "createReporter.ts": `export const createReporter = (onError) => (code) => onError?.(code);`,
  },
  // The stand-in imports nothing, so the marks (vouchingMarks.ts) and the locks (crossTabLock.ts)
  // are dropped with it.
  "cross-tab coordination: locks, marks, repairs (browserScope, vouchingMarks)": {
    "browserScope.ts": `export const browserScope = () => ({});`,
  },
};

const measure = async (contents, replaced = {}) => {
  const result = await bundleCore(contents, [
    {
      name: "ablate",
      setup(builder) {
        builder.onLoad({ filter: /packages\/core\/src\/.*\.ts$/ }, (args) => {
          const name = args.path.slice(args.path.indexOf("/src/") + 5);
          return name in replaced ? { contents: replaced[name], loader: "ts" } : undefined;
        });
      },
    },
  ]);
  const modules = Object.keys(Object.values(result.metafile.outputs)[0].inputs).map((path) => path.replace(/^.*\/src\//, ""));
  return { size: gzipSync(result.outputFiles[0].contents, { level: 9 }).length, modules };
};

const all = Object.assign({}, ...Object.values(behaviours));
const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

/** Each entry's size as shipped, and what each behaviour (and all of them) costs it, in bytes. */
export const ablate = async () => {
  const columns = [];
  for (const [entry, contents] of Object.entries(entries)) {
    const { size: shipped, modules } = await measure(contents);
    const costs = {};
    for (const [behaviour, replaced] of Object.entries(behaviours)) {
      // A behaviour whose module this entry does not bundle costs it nothing.
      if (Object.keys(replaced).some((module) => modules.includes(module)))
        costs[behaviour] = shipped - (await measure(contents, replaced)).size;
    }
    columns.push({ entry, shipped, costs, bare: (await measure(contents, all)).size });
  }
  return columns;
};

/** The README's table of `ablate()`'s figures. */
export const tableOf = (columns) =>
  [
    `| behaviour (module) | ${columns.map((column) => column.entry).join(" | ")} |`,
    `| --- | ${columns.map(() => "---").join(" | ")} |`,
    `| as shipped | ${columns.map((column) => kB(column.shipped)).join(" | ")} |`,
    ...Object.keys(behaviours).map(
      (behaviour) => `| ${behaviour} | ${columns.map((column) => (behaviour in column.costs ? `${column.costs[behaviour]} B` : "–")).join(" | ")} |`,
    ),
    `| **all of them dropped together** | ${columns.map((column) => `**${kB(column.bare)} left**`).join(" | ")} |`,
  ].join("\n");

const section = readmeSection("size-ablation", "scripts/sizeAblation.mjs");

/** The table the README holds now. */
export const readmeTable = () => section.read();

if (import.meta.url == `file://${process.argv[1]}`) {
  const table = tableOf(await ablate());
  if (process.argv.includes("--write")) section.write(table);
  console.log(table);
}
