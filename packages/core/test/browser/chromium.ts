import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll } from "vitest";
import { chromiumArgs, chromiumPath } from "../../../../test-shared/chromium.mjs";
import type { Session, SessionError } from "../../src/index.ts";

// What a page keeps on `window` between evaluate calls.
export interface TabState {
  session: Session;
  errors: SessionError[];
  heard: (string | undefined)[];
  callbacks: { next: string; previous: string | undefined }[];
  duplicates: { next: string; previous: string }[];
  pageErrors: string[];
}

declare global {
  interface Window {
    tab: TabState;
  }
}


/**
 * One Vite server for the fixture page (http, and https with a throwaway self-signed
 * certificate) and one Chromium per test file. Each test takes fresh contexts (a context is a
 * browser profile; its pages are tabs that share localStorage, IndexedDB and cookies).
 */
export function useChromium(launch: { backForwardCache?: boolean } = {}) {
  let browser: Browser;
  const servers: ViteDevServer[] = [];
  const contexts: BrowserContext[] = [];
  const urls = { http: "", https: "" };
  let certDir = "";

  beforeAll(async () => {
    certDir = mkdtempSync(join(tmpdir(), "sessionid-cert-"));
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1",
      "-keyout", join(certDir, "key.pem"), "-out", join(certDir, "cert.pem"),
    ], { stdio: "ignore" });
    const https = { key: readFileSync(join(certDir, "key.pem")), cert: readFileSync(join(certDir, "cert.pem")) };
    for (const secure of [false, true]) {
      const server = await createServer({
        root: import.meta.dirname,
        configFile: false,
        logLevel: "silent",
        server: { host: "127.0.0.1", port: 0, strictPort: false, https: secure ? https : undefined, hmr: false },
        optimizeDeps: { noDiscovery: true, include: [] },
      });
      await server.listen();
      const address = server.httpServer!.address() as { port: number };
      urls[secure ? "https" : "http"] = `${secure ? "https" : "http"}://127.0.0.1:${address.port}/fixture.html`;
      servers.push(server);
    }
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [...chromiumArgs],
      // Playwright turns the back/forward cache off by default; a test of it turns it back on.
      ignoreDefaultArgs: launch.backForwardCache ? ["--disable-back-forward-cache"] : [],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((server) => server.close()));
    rmSync(certDir, { recursive: true, force: true });
  });

  const context = async (secure = false) => {
    const created = await browser.newContext({ ignoreHTTPSErrors: secure });
    contexts.push(created);
    return created;
  };

  /** A new tab on the fixture page, with the core loaded and page errors collected. */
  const tab = async (ctx: BrowserContext, secure = false): Promise<Page> => {
    const page = await ctx.newPage();
    await prepare(page);
    await page.goto(secure ? urls.https : urls.http);
    await page.waitForFunction(() => !!window.sessionid);
    return page;
  };

  const closeContexts = async () => {
    await Promise.all(contexts.splice(0).map((ctx) => ctx.close()));
  };

  return { context, tab, closeContexts, urls };
}

/** Collects uncaught errors (page errors) in the page itself, across reloads. */
export const prepare = async (page: Page) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  (page as Page & { uncaught: string[] }).uncaught = errors;
};

export const uncaught = (page: Page) => (page as Page & { uncaught: string[] }).uncaught;

/**
 * Starts a session in the page with the named backend, recording errors, what subscribers heard,
 * refresh callbacks and duplicate moves on `window.tab`.
 */
export const start = (page: Page, storage: "session" | "local" | "indexeddb" | "cookie", extra: Record<string, unknown> = {}) =>
  page.evaluate(
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
      return id;
    },
    { storage, extra },
  );
