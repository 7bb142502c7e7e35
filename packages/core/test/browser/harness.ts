// The core's browser suite on the engine-neutral driver (test-shared/browsers): one Vite server
// pair (http, and https with a throwaway self-signed certificate) serving fixture.html, and one
// browser per engine for the whole suite (browser.test.ts), with fresh profiles per test. The
// scenarios (crossTab.ts, sessionStorage.ts, …) are written once and run in every engine.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Plugin, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, it, type ExpectStatic } from "vitest";
import {
  captureScriptTag,
  launchEngine,
  type Engine,
  type EngineName,
  type Profile,
  type Tab,
} from "../../../../test-shared/browsers/index.mjs";
import type { Session, SessionError } from "../../src/index.ts";
import { sourceConditions } from "../../../../vitest.shared.ts";

export type { Tab };

// What a page keeps on `window` between evaluate calls.
export interface TabState {
  session: Session;
  errors: SessionError[];
  heard: (string | undefined)[];
  callbacks: { next: string; previous: string | undefined }[];
  duplicates: { next: string; previous: string }[];
}

declare global {
  interface Window {
    tab: TabState;
  }
}

/**
 * Faults fixture.html sets up before the core loads (what an init script did in the
 * Chromium-only suite; the driver has none in WebKit): `?fault=blocked-localstorage` makes
 * `window.localStorage` throw SecurityError, `?fault=no-randomuuid` removes `crypto.randomUUID`.
 */
export type Fault = "blocked-localstorage" | "no-randomuuid";

export interface Env {
  readonly name: EngineName;
  readonly urls: { http: string; https: string };
  /** The test's own expect (for expect.poll in a concurrent test). */
  readonly expect: ExpectStatic;
  /** A fresh profile, closed after the test. */
  profile(): Promise<Profile>;
  /** A new tab of `profile` on the fixture page (https if `secure`), with the core loaded. */
  tab(profile: Profile, options?: { secure?: boolean; fault?: Fault; query?: string }): Promise<Tab>;
}

/** Defines one scenario, run once per engine: a test per engine, `<scenario> [<engine>]`. */
export type Scenario = (name: string, run: (env: Env) => Promise<void>) => void;

/**
 * fixture.html as it is, with the uncaught capture first and without Vite's client: the client
 * keeps a WebSocket open, and Firefox never puts a page with an open WebSocket in the
 * back/forward cache. No Cache-Control header (no-store would keep pages out of the cache too).
 */
const plainFixture = (): Plugin => ({
  name: "plain-fixture",
  configureServer(server) {
    // A cookie the page cannot see, as a server sets it (the server framework's own session
    // cookie): `/http-only-cookie?sessionid=value`.
    server.middlewares.use("/http-only-cookie", (request, response) => {
      const [name, value] = [...new URLSearchParams(request.url!.split("?")[1]).entries()][0]!;
      response.setHeader("set-cookie", `${name}=${value}; Path=/; HttpOnly; SameSite=Lax`);
      response.end();
    });
    server.middlewares.use("/fixture.html", (_request, response) => {
      response.setHeader("content-type", "text/html; charset=utf-8");
      response.end(readFileSync(join(import.meta.dirname, "fixture.html"), "utf8").replace("<head>", `<head>${captureScriptTag}`));
    });
  },
});

/**
 * The suite's file-level setup for `names`: one Vite server pair and one browser per engine
 * (back/forward cache on, so one browser serves every scenario), launched together. Answers
 * `scenario`: a describe per scenario holding one concurrent test per engine, so the engines run
 * side by side (each engine runs one test at a time) while the project keeps its files in series.
 */
export function useEngines(names: EngineName[]): Scenario {
  const servers: ViteDevServer[] = [];
  const urls = { http: "", https: "" };
  const engines = new Map<EngineName, Engine>();

  beforeAll(async () => {
    const certDir = mkdtempSync(join(tmpdir(), "sessionid-cert-"));
    try {
      execFileSync("openssl", [
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1",
        "-keyout", join(certDir, "key.pem"), "-out", join(certDir, "cert.pem"),
      ], { stdio: "ignore" });
      const https = { key: readFileSync(join(certDir, "key.pem")), cert: readFileSync(join(certDir, "cert.pem")) };
      for (const secure of [false, true]) {
        const server = await createServer({
          root: import.meta.dirname,
          configFile: false,
          // Core's sources, as in every other suite: "#messages" resolves to src/, never to a dist/
          // that a clean checkout has not built yet.
          ...sourceConditions,
          logLevel: "silent",
          plugins: [plainFixture()],
          server: { host: "127.0.0.1", port: 0, strictPort: false, https: secure ? https : undefined, hmr: false },
          optimizeDeps: { noDiscovery: true, include: [] },
        });
        await server.listen();
        const address = server.httpServer!.address() as { port: number };
        urls[secure ? "https" : "http"] = `${secure ? "https" : "http"}://127.0.0.1:${address.port}/fixture.html`;
        servers.push(server);
      }
    } finally {
      rmSync(certDir, { recursive: true, force: true });
    }
    await Promise.all(names.map(async (name) => engines.set(name, await launchEngine(name, { backForwardCache: true }))));
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([...engines.values()].map((engine) => engine.close()));
    await Promise.all(servers.map((server) => server.close()));
  }, 120_000);

  // A fresh Env per test: its own profiles (closed when it ends) and the test's own `expect`
  // (expect.poll needs it in a concurrent test).
  const envFor = (name: EngineName, expect: ExpectStatic) => {
    const profiles: Profile[] = [];
    const env: Env = {
      name,
      urls,
      expect,
      async profile() {
        const profile = await engines.get(name)!.newProfile();
        profiles.push(profile);
        return profile;
      },
      async tab(profile, { secure = false, fault, query } = {}) {
        const search = [fault && `fault=${fault}`, query].filter(Boolean).join("&");
        const tab = await profile.openTab((secure ? urls.https : urls.http) + (search ? `?${search}` : ""));
        await loaded(tab);
        return tab;
      },
    };
    return { env, close: () => Promise.all(profiles.splice(0).map((profile) => profile.close())) };
  };

  // The scenarios run one after another; a scenario's tests (one per engine) run side by side.
  return (name, run) =>
    describe.sequential(name, () => {
      for (const engine of names)
        it.concurrent(`${name} [${engine}]`, async ({ expect }) => {
          const { env, close } = envFor(engine, expect);
          try {
            await run(env);
          } finally {
            await close();
          }
        }, scenarioTimeout);
    });
}

// Bounds, not expectations: on a 2-core machine that other work keeps busy (load average 30+),
// eight tabs of one profile took more than a minute to open and load in Firefox and WebKit.
const scenarioTimeout = 180_000;

/** Waits for the fixture's module (the core on `window.sessionid`), e.g. after a reload. */
export const loaded = (tab: Tab) => tab.waitFor(() => !!window.sessionid, undefined, { timeout: 60_000 });

/**
 * Starts a session in the page with the named backend, recording errors, what subscribers heard,
 * refresh callbacks and duplicate moves on `window.tab`.
 */
export const start = (tab: Tab, storage: "session" | "local" | "indexeddb" | "cookie", extra: Record<string, unknown> = {}) =>
  tab.evaluate(
    async ({ storage, extra }) => {
      const { createSession, indexedDBBackend, cookieBackend, localStorageBackend, sessionStorageBackend } = window.sessionid;
      const tab = { errors: [], heard: [], callbacks: [], duplicates: [] } as unknown as TabState;
      window.tab = tab;
      tab.session = createSession({
        storage: { session: sessionStorageBackend, local: localStorageBackend, indexeddb: indexedDBBackend, cookie: cookieBackend }[storage](),
        onError: (error) => tab.errors.push(error),
        onDuplicate: (next, previous) => void tab.duplicates.push({ next, previous }),
        ...extra,
      });
      const id = await tab.session.ready();
      tab.session.subscribe((id) => tab.heard.push(id));
      return id as string;
    },
    { storage, extra },
  );

/**
 * Opens a copy of `tab` (window.open, which copies sessionStorage) once the page's sessionStorage
 * writes so far have reached the browser's storage. WebKit applies a page's writes in its storage
 * process, sent there one way, while the copy for a new window is asked for by another process:
 * a copy made while a write is still on its way misses it (a CI failure under heavy load: the
 * copy lacked the opener's open flag, written at start, and kept the opener's ID). What a user
 * duplicates seconds after a load is not at stake; a test that opens the copy at once is. The
 * proof that the writes arrived: a same-origin frame hears the storage event of a later write,
 * which that process sends only after it applied the writes before it.
 */
export async function openCopy(tab: Tab) {
  await tab.evaluate(async () => {
    const frame = document.createElement("iframe");
    document.body.append(frame);
    const probe = "sessionid-test:settled";
    try {
      const heard = new Promise<void>((resolve) => {
        const view = frame.contentWindow!;
        // A frame hears storage events only once it has opened its sessionStorage.
        void view.sessionStorage.length;
        view.addEventListener("storage", (event) => event.key == probe && resolve());
      });
      sessionStorage.setItem(probe, String(Math.random()));
      await heard;
    } finally {
      sessionStorage.removeItem(probe);
      frame.remove();
    }
  });
  return tab.openFromPage();
}

/** Polls until `tab`'s session shows `id`. */
export const shows = (tab: Tab, id: string, timeout?: number) =>
  tab.waitFor((id) => window.tab.session.get() == id, id, timeout ? { timeout } : undefined);
