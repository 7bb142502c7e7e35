// The in-browser figures, in each engine of test-shared/browsers (Debian's Chromium, Firefox ESR
// and WebKitGTK; never a downloaded browser): one profile with two tabs, which share
// localStorage, IndexedDB and cookies. Every time is read in the pages.
import { createServer } from "node:http";
import { join } from "node:path";
import { build } from "esbuild";
import { launchEngine } from "../../test-shared/browsers/index.mjs";

const bench = new URL("..", import.meta.url).pathname;
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};

/** The engines measured: all three, or `BENCH_ENGINES=chromium,firefox`. */
export const benchEngines = () =>
  process.env.BENCH_ENGINES?.split(",").map((name) => name.trim()).filter(Boolean) ?? ["chromium", "firefox", "webkit"];

async function servePage() {
  const out = await build({
    entryPoints: [join(bench, "browser/page.js")],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["@sessionid/source"],
    write: false,
    logLevel: "silent",
  });
  const files = {
    "/": ["text/html", '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="/page.js"></script>'],
    "/page.js": ["text/javascript", out.outputFiles[0].contents],
  };
  const server = createServer((request, response) => {
    const file = files[request.url];
    response.writeHead(file ? 200 : 404, {
      "content-type": file?.[0] ?? "text/plain",
      "cache-control": "no-store",
      // Cross-origin isolation: finer performance.now() where the engine offers it
      // (Chromium 5 µs instead of 100 µs, Firefox 20 µs instead of 1 ms).
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-embedder-policy": "require-corp",
    });
    response.end(file?.[1] ?? "not found");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

/** The figures of one engine. */
async function measureEngine(name, url, { rotations, warmup, getCost }) {
  const engine = await launchEngine(name);
  try {
    const profile = await engine.newProfile();
    const [tabA, tabB] = [await profile.openTab(url), await profile.openTab(url)];
    await Promise.all([tabA.waitFor(() => !!window.bench), tabB.waitFor(() => !!window.bench)]);

    const crossTab = {};
    for (const kind of ["local", "indexeddb", "cookie"]) {
      await tabB.evaluate((kind) => window.bench.open(kind), kind);
      await tabA.evaluate((kind) => window.bench.open(kind), kind);
      const latencies = [];
      for (let i = 1; i <= warmup + rotations; i++) {
        const started = await tabA.evaluate(() => window.bench.rotate());
        const heard = await tabB.evaluate((count) => window.bench.heard(count), i);
        if (i > warmup) latencies.push(heard - started);
      }
      const heardCount = await tabB.evaluate(() => window.bench.heardCount());
      crossTab[kind] = {
        rotations,
        p50: quantile(latencies, 0.5),
        p95: quantile(latencies, 0.95),
        max: Math.max(...latencies),
        // Each rotation should be heard exactly once.
        heardPerRotation: heardCount / (warmup + rotations),
      };
    }

    const indexedDBReady = await tabA.evaluate((rounds) => window.bench.indexedDBReady(rounds), 40);
    const cost = getCost ? await tabA.evaluate(() => window.bench.getCost(2_000_000, 7)) : undefined;
    const isolated = await tabA.evaluate(() => crossOriginIsolated);
    // The smallest step of performance.now() in this page, in ms: the resolution of every time above.
    const timerResolution = await tabA.evaluate(() => {
      let smallest = Infinity;
      for (let i = 0, last = performance.now(); i < 1e6 && smallest > 0.001; i++) {
        const now = performance.now();
        if (now > last) (smallest = Math.min(smallest, now - last)), (last = now);
      }
      return smallest;
    });
    const errors = [...(await tabA.uncaught()), ...(await tabB.uncaught())];
    return { version: engine.version, crossOriginIsolated: isolated, timerResolution, crossTab, indexedDBReady, getCost: cost, errors };
  } finally {
    await engine.close();
  }
}

/**
 * Cross-tab rotation latency and IndexedDB time to ready in every engine; `session.get()` cost
 * in Chromium only. One engine after another, so they do not compete for the CPU.
 */
export async function measureBrowser({ rotations = 200, warmup = 10, engines = benchEngines(), onEngine } = {}) {
  const { server, url } = await servePage();
  try {
    const results = {};
    for (const name of engines) {
      onEngine?.(name);
      results[name] = await measureEngine(name, url, { rotations, warmup, getCost: name == "chromium" });
    }
    return results;
  } finally {
    server.close();
  }
}
