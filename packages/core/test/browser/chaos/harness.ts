// Node side of the chaos test: a Vite server that serves the chaos page and collects what pages
// report (POST /chaos-log), and a Chromium per run, started by us and driven over CDP without
// Playwright's focus emulation: with it every tab counts as focused and a CDP freeze does not stop
// its timers; without it a background tab is really frozen (see chaos.test.ts, "freeze").
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from "playwright-core";
import { createServer, type Plugin, type ViteDevServer } from "vite";
import { chromiumArgs, chromiumPath } from "../../../../../test-shared/chromium.mjs";
import type { ChaosEvent } from "./agent.ts";
import { sourceConditions } from "../../../../../vitest.shared.ts";

export type { ChaosEvent };

/** Events by run, in arrival order. */
const logs = new Map<string, ChaosEvent[]>();

const collector = (): Plugin => ({
  name: "chaos-log",
  configureServer(server) {
    // The page as it is, without Vite's client: the client reloads a page whose socket it lost
    // (a frozen tab's, say), and a reload no schedule asked for has no place here.
    server.middlewares.use("/chaos/page.html", (_request, response) => {
      response.setHeader("content-type", "text/html");
      response.end(readFileSync(join(import.meta.dirname, "page.html")));
    });
    server.middlewares.use("/chaos-log", (request, response) => {
      let body = "";
      request.setEncoding("utf8");
      request.on("data", (chunk: string) => (body += chunk));
      request.on("end", () => {
        try {
          const event = JSON.parse(body) as ChaosEvent;
          let list = logs.get(event.run);
          if (!list) logs.set(event.run, (list = []));
          list.push(event);
        } catch {
          // not ours
        }
        response.statusCode = 204;
        response.end();
      });
    });
  },
});

export const events = (run: string) => logs.get(run) ?? [];

let server: ViteDevServer | undefined;
let origin = "";

/** Starts (once) the Vite server for the chaos page; answers its origin. */
export const startServer = async () => {
  if (server) return origin;
  server = await createServer({
    root: join(import.meta.dirname, ".."),
    configFile: false,
    // Core's sources, as in every other suite: "#messages" resolves to src/, never to a dist/
    // that a clean checkout has not built yet.
    ...sourceConditions,
    logLevel: "silent",
    plugins: [collector()],
    server: { host: "127.0.0.1", port: 0, strictPort: false, hmr: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await server.listen();
  origin = `http://127.0.0.1:${(server.httpServer!.address() as { port: number }).port}`;
  return origin;
};

export const stopServer = async () => {
  await server?.close();
  server = undefined;
};

export const pageUrl = (run: string, backend: string, key = "sessionid") =>
  `${origin}/chaos/page.html?run=${encodeURIComponent(run)}&backend=${backend}&key=${encodeURIComponent(key)}`;

/** A browser with a fresh profile; its default context's pages are tabs with no focus emulation. */
export interface RealBrowser {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

export const launch = async (): Promise<RealBrowser> => {
  const profile = mkdtempSync(join(tmpdir(), "sessionid-chaos-"));
  const child: ChildProcess = spawn(
    chromiumPath,
    [
      ...chromiumArgs,
      "--headless",
      "--remote-debugging-port=0",
      `--user-data-dir=${profile}`,
      // Background tabs keep full-speed timers (a freeze is what stops them, not throttling), and
      // pages opened from a page are not popup-blocked.
      "--disable-background-timer-throttling",
      "--disable-renderer-backgrounding",
      "--disable-backgrounding-occluded-windows",
      "--disable-popup-blocking",
      "about:blank",
    ],
    // Its own process group: /usr/bin/chromium is a wrapper script, and the group is how the
    // browser it starts is stopped too.
    { stdio: ["ignore", "ignore", "pipe"], detached: true },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${output}`)), 30_000);
    child.stderr!.on("data", (chunk) => {
      output += chunk;
      const found = /DevTools listening on (ws:\S+)/.exec(output);
      if (found) clearTimeout(timer), resolve(found[1]!);
    });
    child.on("exit", (code) => (clearTimeout(timer), reject(new Error(`Chromium exited (${code}):\n${output}`))));
  });
  child.stderr!.resume();
  // noDefaults: Playwright leaves the default context as the browser has it, focus emulation off.
  const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true, timeout: 30_000 });
  const context = browser.contexts()[0]!;
  return {
    browser,
    context,
    async close() {
      const exited = new Promise((resolve) => (child.exitCode != null ? resolve(0) : child.once("exit", resolve)));
      const cdp = await browser.newBrowserCDPSession().catch(() => undefined);
      await Promise.race([cdp?.send("Browser.close").catch(() => {}), sleep(5_000)]);
      await Promise.race([exited, sleep(5_000)]);
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
      await browser.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it answers something truthy (errors, as during a navigation, count as no). */
export const until = async <T>(what: string, check: () => Promise<T | undefined | null | false>, timeout = 15_000, every = 50) => {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch {
      // the page is between documents
    }
    if (Date.now() > end) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
    await sleep(every);
  }
};

/** An evaluate that gives up (answers undefined) instead of hanging on a busy or frozen page. */
export const tryEvaluate = async <R, A>(page: Page, fn: (arg: A) => R | Promise<R>, arg: A, timeout = 5_000) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      page.evaluate(fn as never, arg) as Promise<R>,
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeout))),
    ]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
};

/** The document the page shows now, once its agent is loaded (and, unless `away`, its session started). */
export const currentDoc = (page: Page, { notDoc, away = false, timeout = 15_000 }: { notDoc?: string; away?: boolean; timeout?: number } = {}) =>
  until(
    `a ${away ? "?away" : "started"} document${notDoc ? " other than " + notDoc : ""} in ${page.url()}`,
    async () => {
      const state = await tryEvaluate(page, () => window.chaos && { doc: window.chaos.doc, away: window.chaos.away, started: window.chaos.started }, undefined, 2_000);
      if (!state || state.doc == notDoc) return undefined;
      return (away ? state.away : !state.away && state.started) ? state.doc : undefined;
    },
    timeout,
  );

/** Page.setWebLifecycleState over CDP. */
export const lifecycle = async (cdp: CDPSession, state: "frozen" | "active") => {
  await cdp.send("Page.setWebLifecycleState", { state });
};
