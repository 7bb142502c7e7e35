// Figure 3: in Chromium (playwright-core, the system /usr/bin/chromium). One browser context with
// two pages: two tabs of one browser, sharing localStorage, IndexedDB and cookies.
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath } from "../../test-shared/chromium.mjs";

const bench = new URL("..", import.meta.url).pathname;
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};

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
      // Cross-origin isolation: performance.now() then ticks in 5 µs steps instead of 100 µs.
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-embedder-policy": "require-corp",
    });
    response.end(file?.[1] ?? "not found");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

export async function measureBrowser({ rotations = 200, warmup = 10 } = {}) {
  const executablePath = process.env.CHROMIUM_PATH ?? chromiumPath;
  if (!existsSync(executablePath))
    throw new Error(`No Chromium at ${executablePath}: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`);
  const { server, url } = await servePage();
  const profile = await mkdtemp(join(tmpdir(), "sessionid-bench-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      ...chromiumArgs,
      // Tab B is not focused: keep Chromium from throttling it, as a user's visible tab is not.
      "--disable-background-timer-throttling",
      "--disable-renderer-backgrounding",
      "--disable-backgrounding-occluded-windows",
    ],
  });
  try {
    const [tabA, tabB] = [context.pages()[0] ?? (await context.newPage()), await context.newPage()];
    await Promise.all([tabA.goto(url), tabB.goto(url)]);
    await Promise.all([tabA.waitForFunction(() => window.bench), tabB.waitForFunction(() => window.bench)]);
    const version = context.browser()?.version() ?? (await tabA.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1]));

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
    const getCost = await tabA.evaluate(() => window.bench.getCost(2_000_000, 7));
    const isolated = await tabA.evaluate(() => crossOriginIsolated);
    return { chromium: version, crossOriginIsolated: isolated, crossTab, indexedDBReady, getCost };
  } finally {
    await context.close();
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
}
