/**
 * The seven checks of the contract (README.md here), written once and run against each app's
 * production build (its `serve` script) and, for the hydration checks, its `dev` script. Every
 * browser goes through a capture proxy (startCaptureProxy.ts), so the uncaught-error capture is
 * in each page before the app's scripts, in every engine, and every HTML page the app served is
 * kept as it was sent. Waits are condition waits; nothing depends on how long anything takes.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { launchEngine, type Engine, type EngineName, type Profile, type Tab } from "../../test-shared/browsers/index.mjs";
import type { AppName } from "./registeredApps.ts";
import { startAppServer, type AppServer } from "./startAppServer.ts";
import { startCaptureProxy, type CaptureProxy } from "./startCaptureProxy.ts";

// better-sqlite3 is installed for the shop (the apps' store); the suite only reads the file.
type Database = { prepare(sql: string): { all(...params: unknown[]): unknown[] }; close(): void };
const Sqlite = createRequire(new URL("../shop/package.json", import.meta.url))("better-sqlite3") as new (
  file: string,
  options: { readonly: boolean },
) => Database;

/** Which engines run the browser checks against each server. */
export interface ScenarioEngines {
  /** The production server: every browser check (1, 2, 3, 5, 6, 7). */
  production: EngineName[];
  /** The dev server: the hydration checks (1, 2, 3). */
  dev: EngineName[];
}

/** An app server with the capture proxy in front of it and its own SQLite file. */
interface Served {
  server: AppServer;
  proxy: CaptureProxy;
  dbFile: string;
}

/** What a page shows, by `data-testid`. */
interface Shown {
  hydrated: boolean;
  id: string | null;
  user: string | null;
  effectLog: string | null;
  error: string | null;
  cart: number;
}

/** What to wait for on a page; every field given must hold. */
interface Until {
  hydrated?: boolean;
  /** A non-empty ID. */
  id?: boolean;
  /** An ID other than this one. */
  idNot?: string;
  user?: string;
  cart?: number;
  /**
   * At least this many effect-log entries. The log is state an effect sets after the ID is on
   * screen, so it shows a render later: reading it in the frame the new ID appears can miss it.
   */
  effects?: number;
}

// Runs in the page (sent as source text: it may use nothing from this module). Answers what the
// page shows once `until` holds, or false.
const shownWhen = (until: Until): Shown | false => {
  const text = (testId: string) => document.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? null;
  const shown = {
    hydrated: document.querySelector('[data-testid="hydrated"]') != null,
    id: text("session-id"),
    user: text("user"),
    effectLog: text("effect-log"),
    error: text("error"),
    cart: document.querySelectorAll('[data-testid="cart"] li').length,
  };
  if (until.hydrated && !shown.hydrated) return false;
  if (until.id && !shown.id) return false;
  if (until.idNot !== undefined && (!shown.id || shown.id == until.idNot)) return false;
  if (until.user !== undefined && shown.user != until.user) return false;
  if (until.cart !== undefined && shown.cart != until.cart) return false;
  if (until.effects !== undefined && (shown.effectLog ? shown.effectLog.split(" ").length : 0) < until.effects) return false;
  return shown;
};

/** The text of `data-testid="session-id"` in a server's HTML ("" when empty), or null when the page has none. */
export const idInHtml = (html: string): string | null => {
  const match = /<([a-z][\w-]*)\b[^>]*\bdata-testid="session-id"[^>]*>([\s\S]*?)<\/\1>/i.exec(html);
  // Frameworks put hydration markers (comments) and text separators inside the element.
  return match ? match[2]!.replace(/<!--[\s\S]*?-->/g, "").replace(/<[^>]*>/g, "").trim() : null;
};

// Runs in the page: whether the document has loaded and every script and module preload it
// names has arrived. "/" has no `hydrated` marker; leaving a page before its modules arrived
// makes Firefox report the aborted imports as errors of that page.
const scriptsLoaded = (): boolean => {
  if (document.readyState != "complete") return false;
  const loaded = new Set(
    performance.getEntriesByType("resource").flatMap((entry) => ((entry as PerformanceResourceTiming).responseEnd > 0 ? [entry.name] : [])),
  );
  // (A nomodule script, such as Next.js's polyfills, is never fetched by a module-aware browser.)
  const wanted = [...document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src]:not([nomodule]), link[rel="modulepreload"]')].map((element) =>
    "src" in element ? element.src : element.href,
  );
  return wanted.every((url) => loaded.has(url));
};

/** The ID in a stored value (`<id>.<generation>`, the cookie URL-encoded). */
const storedId = (value: string | null | undefined) => (value == null ? null : decodeURIComponent(value).replace(/\.[0-9a-z]+$/, ""));

/** A valid session ID of the core's shape (21 URL-safe characters), for requests made from Node. */
const newId = () => randomBytes(16).toString("base64url").slice(0, 21);

/** The effect log as a list (one entry per effect run). */
const entries = (effectLog: string | null) => (effectLog ? effectLog.split(" ") : []);

/** Runs `jobs` with at most `width` of them at a time; answers their results in order. */
const pool = async <T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> => {
  const results: T[] = [];
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < jobs.length; index = next++) results[index] = await jobs[index]!();
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
};

const startServed = async (dir: string, script: "serve" | "dev", work: string): Promise<Served> => {
  const dbFile = join(work, `${script}.db`);
  const server = await startAppServer(dir, script, { dbFile });
  return { server, proxy: await startCaptureProxy(server.url), dbFile };
};

const stopServed = async (served: Served | undefined) => {
  await served?.proxy.close();
  await served?.server.stop();
};

/** The HTML pages for `path` served since `since` pages had been recorded, waiting for the first. */
const servedSince = async (served: Served, since: number, path: string) => {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const pages = served.proxy.pages.slice(since).filter((page) => page.path.split("?")[0] == path);
    if (pages.length) return pages;
    if (Date.now() > deadline) throw new Error(`the proxy saw no HTML page for ${path}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** Rows the app's store keeps for a session, read from its SQLite file. */
const rowsOf = (dbFile: string, sessionId: string) => {
  const db = new Sqlite(dbFile, { readonly: true });
  try {
    return {
      cart: db.prepare("SELECT product_id, quantity FROM cart_items WHERE session_id = ? ORDER BY product_id").all(sessionId),
      logins: db.prepare("SELECT users.name FROM logins JOIN users ON users.id = logins.user_id WHERE session_id = ?").all(sessionId),
    };
  } finally {
    db.close();
  }
};

// Other cookies with recognisable values: none of them may reach a page's HTML (check 7).
const otherCookies = {
  browser: [
    ["e2e_theme", "doc-cookie-7c1f2a"],
    ["e2e_ab", "doc-cookie-92ad5e"],
  ],
  header: [
    ["e2e_auth", "hdr-cookie-41b7e0"],
    ["e2e_pref", "hdr-cookie-c3d96b"],
  ],
} as const;

/** The pages of the contract, with the storage each keeps its ID in. */
const pages = ["/", "/cookie", "/session", "/local", "/static"] as const;

/**
 * Registers the suite of one app: the Node-side checks (4 and 7) against its production server,
 * the browser checks there in each of `engines.production`, and the hydration checks against its
 * dev server in each of `engines.dev`, one describe per server and engine.
 *
 * @example
 * // next.test.ts
 * appScenarios("next", { production: ["chromium", "firefox"], dev: ["chromium"] });
 */
export function appScenarios(app: AppName, engines: ScenarioEngines) {
  describe(app, () => {
    let work: string;
    let production: Served;

    beforeAll(async () => {
      const build = inject("appBuilds")[app];
      if (!build) throw new Error(`${app} was not built by the global setup: is it in registeredApps.ts or SESSIONID_APPS?`);
      work = mkdtempSync(join(tmpdir(), `apps-${app}-`));
      production = await startServed(build.dir, "serve", work);
    });
    afterAll(async () => {
      await stopServed(production);
      if (work) rmSync(work, { recursive: true, force: true });
    });

    describe("production server, from Node", () => {
      it("4. 100 requests to /cookie, 20 at a time, a third without a cookie: each page shows only its own cookie's ID, or none", async () => {
        const ids = Array.from({ length: 100 }, (_, index) => (index % 3 == 0 ? null : newId()));
        const answers = await pool(
          ids.map((id) => async () => {
            const answer = await fetch(`${production.server.url}/cookie`, { headers: id ? { cookie: `shop=${id}.1` } : {} });
            return { status: answer.status, html: await answer.text() };
          }),
          20,
        );
        answers.forEach(({ status, html }, index) => {
          expect(status).toBe(200);
          expect(idInHtml(html)).toBe(ids[index] ?? "");
          const foreign = ids.filter((id, other) => id && other != index && html.includes(id));
          expect(foreign, `page ${index} holds another request's ID`).toEqual([]);
        });
      });

      it("7. no cookie other than shop appears in any page's HTML (a server-like Cookie header)", async () => {
        const id = newId();
        const cookie = [...otherCookies.header.map(([name, value]) => `${name}=${value}`), `shop=${id}.1`].join("; ");
        for (const path of pages) {
          const answer = await fetch(`${production.server.url}${path}`, { headers: { cookie } });
          const html = await answer.text();
          expect(answer.status).toBe(200);
          for (const [name, value] of otherCookies.header) {
            expect(html, `${path} shows another cookie`).not.toContain(value);
            expect(html, `${path} shows another cookie's name`).not.toContain(name);
          }
          // /cookie renders the request's ID; /static is prerendered, so it cannot.
          if (path == "/cookie") expect(idInHtml(html)).toBe(id);
          if (path == "/static") expect(idInHtml(html)).toBe("");
        }
      });
    });

    for (const engine of engines.production) describe(`production server [${engine}]`, () => browserChecks(() => production, engine, "all"));
    for (const engine of engines.dev)
      describe(`dev server [${engine}]`, () => {
        let dev: Served;
        beforeAll(async () => {
          dev = await startServed(inject("appBuilds")[app]!.dir, "dev", work);
          // A dev server compiles each route on its first request: do that here, with a long
          // wait, so a browser's page load never waits on a compile (minutes on a loaded machine).
          for (const path of pages) await fetch(`${dev.server.url}${path}`, { signal: AbortSignal.timeout(240_000) }).then((answer) => answer.text());
        });
        afterAll(() => stopServed(dev));
        browserChecks(() => dev, engine, "hydration");
      });
  });
}

/** The browser checks against one server in one engine: all of them, or only the hydration ones (1, 2, 3). */
function browserChecks(served: () => Served, name: EngineName, which: "all" | "hydration") {
  let engine: Engine;
  const profiles: Profile[] = [];
  const on = (host: "127.0.0.1" | "localhost", path: string) => `http://${host}:${served().proxy.port}${path}`;
  const newProfile = async () => {
    const profile = await engine.newProfile();
    profiles.push(profile);
    return profile;
  };
  /** Waits for the page to hydrate and answers what it shows at that moment. */
  // waitFor answers the predicate's first truthy value: a Shown, never false.
  const atHydration = async (tab: Tab) => (await tab.waitFor(shownWhen, { hydrated: true })) as Shown;
  const until = async (tab: Tab, condition: Until) => (await tab.waitFor(shownWhen, condition, { timeout: 60_000 })) as Shown;
  /** Opens `path` in a new profile and waits for the ID the client made. */
  const firstVisit = async (path: string) => {
    const profile = await newProfile();
    const tab = await profile.openTab(on("127.0.0.1", path));
    const { id } = await until(tab, { hydrated: true, id: true, effects: 1 });
    return { profile, tab, id: id! };
  };
  /** Navigates to `path` and waits until the page is ready to leave (hydrated, or "/" with its scripts loaded). */
  const visit = async (tab: Tab, host: "127.0.0.1" | "localhost", path: string) => {
    await tab.goto(on(host, path));
    if (path == "/") await tab.waitFor(scriptsLoaded, undefined, { timeout: 60_000 });
    else await until(tab, { hydrated: true });
  };
  const servedHtml = async (since: number, path: string) => (await servedSince(served(), since, path)).at(-1)!;

  beforeAll(async () => {
    engine = await launchEngine(name);
  });
  afterEach(async () => {
    await Promise.all(profiles.splice(0).map((profile) => profile.close()));
  });
  afterAll(() => engine?.close());

  it("1. /cookie: the server HTML shows the ID the browser shows after hydration; no hydration warning or error", async () => {
    let since = served().proxy.pages.length;
    const { tab, id } = await firstVisit("/cookie");
    // No cookie yet: the server rendered no ID; the client made one and keeps it in the cookie.
    expect(idInHtml(await (await servedHtml(since, "/cookie")).html)).toBe("");
    expect(storedId((await tab.cookies()).find((cookie) => cookie.name == "shop")?.value)).toBe(id);

    since = served().proxy.pages.length;
    await tab.reload();
    const page = await servedHtml(since, "/cookie");
    expect(page.cookie).toContain("shop=");
    expect(idInHtml(await page.html)).toBe(id);
    expect((await atHydration(tab)).id).toBe(id);
    expect(await tab.uncaught()).toEqual([]);
  });

  it("2. arriving from another site (localhost → 127.0.0.1) on /cookie and on /static: no hydration error, the right ID right after hydration", async () => {
    const { tab, id } = await firstVisit("/cookie");
    for (const path of ["/cookie", "/static"]) {
      await visit(tab, "localhost", "/");
      // Another site: the 127.0.0.1 cookie is not this page's.
      expect(await tab.evaluate(() => document.cookie.includes("shop="))).toBe(false);
      const since = served().proxy.pages.length;
      await visit(tab, "127.0.0.1", path);
      const page = await servedHtml(since, path);
      expect(page.host).toBe(`127.0.0.1:${served().proxy.port}`);
      // SameSite=Lax: a top-level arrival from another site carries the cookie, so /cookie renders
      // the ID on the server; /static was rendered at build time, without one. A dev server
      // prerenders nothing: there /static may render the request's ID too, never another.
      const rendered = idInHtml(await page.html);
      if (path == "/cookie") expect(rendered).toBe(id);
      else if (which == "all") expect(rendered).toBe("");
      else expect([id, ""]).toContain(rendered);
      await atHydration(tab);
      const shown = await until(tab, { hydrated: true, id: true, effects: 1 });
      expect(shown.id).toBe(id);
      // No other ID was ever on screen in between.
      expect(entries(shown.effectLog)).toEqual([id]);
    }
    expect(await tab.uncaught()).toEqual([]);
  });

  it("3. /session and /local: no hydration warning; the ID shows right after hydration, kept where the backend keeps it", async () => {
    for (const path of ["/session", "/local"] as const) {
      const since = served().proxy.pages.length;
      const { profile, tab, id } = await firstVisit(path);
      expect(idInHtml(await (await servedHtml(since, path)).html)).toBe("");
      const stored = await tab.evaluate((area) => (area == "/session" ? sessionStorage : localStorage).getItem("shop"), path);
      expect(storedId(stored)).toBe(id);
      await tab.reload();
      expect((await until(tab, { hydrated: true, id: true })).id).toBe(id);
      // sessionStorage is per tab (a new tab starts its own session); localStorage per browser.
      const other = await profile.openTab(on("127.0.0.1", path));
      const otherId = (await until(other, { hydrated: true, id: true })).id;
      if (path == "/session") expect(otherId).not.toBe(id);
      else expect(otherId).toBe(id);
      expect(await tab.uncaught()).toEqual([]);
      expect(await other.uncaught()).toEqual([]);
    }
  });

  if (which == "hydration") return;

  it("5. effect-log has one entry per distinct ID (server ID, reload, log-out, the other backends)", async () => {
    const { tab, id } = await firstVisit("/cookie");
    expect(entries((await atHydration(tab)).effectLog)).toEqual([id]);
    await tab.reload();
    expect(entries((await until(tab, { hydrated: true, id: true, effects: 1 })).effectLog)).toEqual([id]);
    await tab.click('[data-testid="log-out"]');
    const { id: next, effectLog } = await until(tab, { hydrated: true, idNot: id, effects: 2 });
    expect(next).not.toBe(id);
    expect(entries(effectLog)).toEqual([id, next]);
    for (const path of ["/session", "/local"]) {
      await visit(tab, "127.0.0.1", path);
      const shown = await until(tab, { hydrated: true, id: true, effects: 1 });
      expect(entries(shown.effectLog)).toEqual([shown.id]);
    }
    expect(await tab.uncaught()).toEqual([]);
  });

  it("6. log-in after hydration: a new ID on screen, the cart moved from previous to next in SQLite, a reload renders the new ID on the server", async () => {
    const { tab, id: previous } = await firstVisit("/cookie");
    await tab.click('[data-testid="add-socks"]');
    await until(tab, { cart: 1 });
    expect(rowsOf(served().dbFile, previous)).toEqual({ cart: [{ product_id: "socks", quantity: 1 }], logins: [] });

    await tab.fill('[data-testid="name"]', "ada");
    await tab.click('[data-testid="log-in"]');
    const shown = await until(tab, { idNot: previous, user: "ada", cart: 1, effects: 2 });
    const next = shown.id!;
    expect(shown.error).toBe("");
    expect(entries(shown.effectLog)).toEqual([previous, next]);
    expect(storedId((await tab.cookies()).find((cookie) => cookie.name == "shop")?.value)).toBe(next);
    expect(rowsOf(served().dbFile, previous)).toEqual({ cart: [], logins: [] });
    expect(rowsOf(served().dbFile, next)).toEqual({ cart: [{ product_id: "socks", quantity: 1 }], logins: [{ name: "ada" }] });

    const since = served().proxy.pages.length;
    await tab.reload();
    expect(idInHtml(await (await servedHtml(since, "/cookie")).html)).toBe(next);
    expect((await atHydration(tab)).id).toBe(next);
    expect(await tab.uncaught()).toEqual([]);
  });

  it("7. no cookie other than shop appears in any page's HTML (cookies set in the browser)", async () => {
    const { tab } = await firstVisit("/cookie");
    for (const [cookieName, value] of otherCookies.browser)
      await tab.evaluate(([n, v]) => void (document.cookie = `${n}=${v}; path=/; max-age=3600`), [cookieName, value]);
    const since = served().proxy.pages.length;
    for (const path of pages) await visit(tab, "127.0.0.1", path);
    await tab.reload();
    await until(tab, { hydrated: true });
    const seen = served().proxy.pages.slice(since);
    expect(seen.map((page) => page.path.split("?")[0])).toEqual(expect.arrayContaining([...pages]));
    for (const page of seen) {
      // The browser did send them, so the server had them to leak.
      for (const [cookieName, value] of otherCookies.browser) expect(page.cookie).toContain(`${cookieName}=${value}`);
      const html = await page.html;
      for (const [cookieName, value] of otherCookies.browser) {
        expect(html, `${page.path} shows another cookie`).not.toContain(value);
        expect(html, `${page.path} shows another cookie's name`).not.toContain(cookieName);
      }
    }
    expect(await tab.uncaught()).toEqual([]);
  });
}
