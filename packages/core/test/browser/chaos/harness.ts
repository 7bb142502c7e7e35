// Node side of the chaos test: a Vite server that serves the chaos page and collects what pages
// report (POST /chaos-log), the browser per engine (launchChaosEngine), and polls that give up
// instead of hanging on a busy or frozen page.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createServer, type Plugin, type ViteDevServer } from "vite";
import { captureScriptTag, launchEngine, type Engine, type EngineName, type Tab } from "../../../../../test-shared/browsers/index.mjs";
import type { ChaosEvent } from "./agent.ts";
import { launchFreezableChromium } from "./freezableChromium.ts";
import { sourceConditions } from "../../../../../vitest.shared.ts";

export type { ChaosEvent };

/** Events by run, in arrival order. */
const logs = new Map<string, ChaosEvent[]>();

const collector = (): Plugin => ({
  name: "chaos-log",
  configureServer(server) {
    // The page as it is, without Vite's client: the client reloads a page whose socket it lost
    // (a frozen tab's, say), and a reload no schedule asked for has no place here; and Firefox
    // keeps a page with an open WebSocket out of the back/forward cache. The driver's capture of
    // uncaught errors comes first (its navigations wait for the `pageshow` it records).
    server.middlewares.use("/chaos/page.html", (_request, response) => {
      response.setHeader("content-type", "text/html; charset=utf-8");
      response.end(readFileSync(join(import.meta.dirname, "page.html"), "utf8").replace("<head>", `<head>${captureScriptTag}`));
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

/**
 * The chaos test's browser for an engine, launched once per file: Chromium with real freezes
 * (freezableChromium.ts: a browser per profile), Firefox and WebKit from the engine-neutral
 * driver (a profile per seed; no freeze there). The back/forward cache is on in all three.
 */
export const launchChaosEngine = (name: EngineName): Promise<Engine> =>
  name == "chromium" ? launchFreezableChromium() : launchEngine(name, { backForwardCache: true });

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

/** Answers `promise`, or `undefined` once `timeout` ms passed or if it rejects (a busy, frozen or closing page). */
export const within = async <R>(promise: Promise<R>, timeout: number): Promise<R | undefined> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([promise, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeout)))]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
};

/** An evaluate that gives up (answers undefined) instead of hanging on a busy or frozen page. */
export const tryEvaluate = <R, A>(tab: Tab, fn: (arg: A) => R | Promise<R>, arg: A, timeout = 5_000) => within(tab.evaluate(fn, arg), timeout);

/** The document the tab shows now, once its agent is loaded (and, unless `away`, its session started). */
export const currentDoc = (tab: Tab, { notDoc, away = false, timeout = 20_000 }: { notDoc?: string; away?: boolean; timeout?: number } = {}) =>
  until(
    `a ${away ? "?away" : "started"} document${notDoc ? " other than " + notDoc.slice(0, 4) : ""}`,
    async () => {
      const state = await tryEvaluate(tab, () => window.chaos && { doc: window.chaos.doc, away: window.chaos.away, started: window.chaos.started }, undefined, 2_000);
      if (!state || state.doc == notDoc) return undefined;
      return (away ? state.away : !state.away && state.started) ? state.doc : undefined;
    },
    timeout,
  );
