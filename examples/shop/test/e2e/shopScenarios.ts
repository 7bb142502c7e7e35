/**
 * The end-to-end scenarios of issue 8, written once and run against a page of the shop in each
 * engine it is given (issue 14), through the engine-neutral driver in test-shared/browsers:
 * Debian's Chromium, Firefox ESR and WebKitGTK. One server (with its own SQLite file) per page,
 * one browser per engine, a describe per engine (`<page> page [<engine>]`) and a fresh profile,
 * so fresh storage, per test. The tests of an engine run concurrently (each on its own
 * sessions), except the two that need the server to themselves, which run alone at the end.
 * Every wait is a condition wait (`expect.poll`, `tab.waitFor`), never a fixed sleep.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, inject, it, type ExpectStatic } from "vitest";
import { messages } from "../../src/shared/messages.ts";
import { startShopServer, type ShopServer } from "./startShopServer.ts";
import { enginesToTest, launchEngine, type Engine, type Profile, type Tab } from "../../../../test-shared/browsers/index.mjs";
import { pageEngines, type FrontEnd } from "./pageEngines.ts";

type Storage = "session" | "local" | "indexeddb" | "cookie";

const browserWide: Storage[] = ["local", "indexeddb", "cookie"];
/**
 * Longest wait for something to show up on a page: generous, the machine is loaded and a WebKit
 * evaluate is a few WebDriver round trips. The cart poll runs every 2 s.
 */
const wait = { timeout: 20_000, interval: 50 };

/** The CSS selector of the element with this `data-testid`. */
const testId = (id: string) => `[data-testid="${id}"]`;
/** The text of the element with this `data-testid` (null while there is none). */
const textOf = (tab: Tab, id: string) => tab.evaluate((selector) => document.querySelector(selector)?.textContent ?? null, testId(id));
const shownId = (tab: Tab) => textOf(tab, "session-id");
const shownUser = (tab: Tab) => textOf(tab, "user");
const statusOf = (tab: Tab) => textOf(tab, "status");
const cartLines = (tab: Tab) => tab.evaluate((selector) => document.querySelectorAll(selector).length, `${testId("cart")} li`);
/** Waits until the element with this `data-testid` is on the page. */
const showsElement = (tab: Tab, id: string) => tab.waitFor((selector) => document.querySelector(selector) !== null, testId(id), wait);

/** The value the backend holds under the shop's key, read in the page. */
const storedValue = (tab: Tab, storage: Storage) =>
  tab.evaluate(async (storage) => {
    if (storage == "session") return sessionStorage.getItem("shop");
    if (storage == "local") return localStorage.getItem("shop");
    if (storage == "cookie") {
      const cookie = document.cookie.split("; ").find((entry) => entry.startsWith("shop="));
      return cookie ? decodeURIComponent(cookie.slice(5)) : null;
    }
    return new Promise<string | null>((resolve, reject) => {
      const open = indexedDB.open("shop");
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const read = open.result.transaction("sessions").objectStore("sessions").get("shop");
        read.onerror = () => reject(read.error);
        read.onsuccess = () => (open.result.close(), resolve(read.result ?? null));
      };
    });
  }, storage);
/** The whole ID, read from the backend (the page shows only its start) without the metadata core stores after it. */
const storedId = async (tab: Tab, storage: Storage) => (await storedValue(tab, storage))?.split(".")[0] ?? null;

const add = async (tab: Tab, productId: string) => {
  await tab.click(testId(`add-${productId}`));
  await showsElement(tab, `cart-item-${productId}`);
};

/**
 * Registers the scenarios of `frontEnd`'s page, one describe per engine of `pageEngines` that
 * `enginesToTest()` (SESSIONID_ENGINES) keeps.
 *
 * @example
 * shopScenarios("react"); // "react page [chromium]" and "react page [firefox]"
 */
export function shopScenarios(frontEnd: FrontEnd) {
  let dir: string;
  let dbFile: string;
  let server: ShopServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `shop-e2e-${frontEnd}-`));
    dbFile = join(dir, "shop.db");
    server = await startShopServer(inject("shopDist"), dbFile);
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Rows the server keeps for a session, straight from the SQLite file. */
  const rowsOf = (sessionId: string | null) => {
    const db = new Database(dbFile, { readonly: true });
    try {
      const count = (table: string) =>
        (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE session_id = ?`).get(sessionId) as { n: number }).n;
      return { cartItems: count("cart_items"), logins: count("logins") };
    } finally {
      db.close();
    }
  };
  const allCartRows = () => {
    const db = new Database(dbFile, { readonly: true });
    try {
      return db.prepare("SELECT session_id, product_id, quantity FROM cart_items ORDER BY session_id, product_id").all();
    } finally {
      db.close();
    }
  };

  for (const engineName of pageEngines[frontEnd].filter((name) => enginesToTest().includes(name)))
    describe(`${frontEnd} page [${engineName}]`, () => {
      let engine: Engine;
      beforeAll(async () => {
        engine = await launchEngine(engineName);
      });
      afterAll(async () => {
        await engine?.close();
      });

      /** What a scenario works with: its own profile (fresh storage) and its test's expect. */
      interface Scenario {
        expect: ExpectStatic;
        /** A tab on the page under test (`query` adds to its URL), once it shows its session ID. */
        openTab(storage: Storage, query?: string): Promise<Tab>;
        /** Clicks the element with this `data-testid` in `tab`, which opens a tab: answers it. */
        openByClick(tab: Tab, id: string): Promise<Tab>;
        logIn(tab: Tab, name: string): Promise<void>;
      }

      /** A test with its own profile; it also fails if a page threw or logged an error or a warning. */
      const scenario = (name: string, run: (scenario: Scenario) => Promise<void>, concurrent = true) =>
        (concurrent ? it.concurrent : it)(name, async ({ expect }) => {
          const profile: Profile = await engine.newProfile();
          const tabs: Tab[] = [];
          const openTab = async (storage: Storage, query = "") => {
            const tab = await profile.openTab(`${server.url}/${frontEnd}?storage=${storage}${query}`);
            tabs.push(tab);
            await expect.poll(() => shownId(tab), wait).toMatch(/^[\w-]{6}…$/);
            return tab;
          };
          const openByClick = async (tab: Tab, id: string) => {
            const opened = await tab.openByClick(testId(id));
            tabs.push(opened);
            return opened;
          };
          const logIn = async (tab: Tab, name: string) => {
            await tab.fill(testId("login-name"), name);
            await tab.click(testId("login"));
            await expect.poll(() => shownUser(tab), wait).toBe(name);
          };
          const recorded = async () => (await Promise.all(tabs.map((tab) => tab.uncaught().catch(() => [])))).flat();
          let uncaught: string[];
          try {
            await run({ expect, openTab, openByClick, logIn });
            uncaught = await recorded();
          } catch (error) {
            // What the pages said often explains a failure (core's warnings, e.g. a backend that timed out).
            const said = await recorded();
            if (said.length && error instanceof Error) error.message += `\nThe pages recorded:\n${said.join("\n")}`;
            throw error;
          } finally {
            await profile.close();
          }
          expect(uncaught).toEqual([]);
        });

      scenario("starts a second tab on the per-tab backend with its own session and an empty cart", async ({ expect, openTab, openByClick }) => {
        const first = await openTab("session");
        await add(first, "socks");
        // window.open copies sessionStorage, as "duplicate tab" does: the new tab must move away.
        const second = await openByClick(first, "second-tab");
        const firstId = await storedId(first, "session");
        await expect.poll(() => storedId(second, "session"), wait).toMatch(/^[\w-]{21}$/);
        await expect.poll(() => storedId(second, "session"), wait).not.toBe(firstId);
        await expect.poll(() => shownId(second), wait).not.toBe(await shownId(first));
        await expect.poll(() => textOf(second, "cart-empty"), wait).toBe("Your cart is empty.");
        // The copy says why its cart is empty (core's onDuplicate); the first tab says nothing of it.
        await expect.poll(() => statusOf(second), wait).toBe(messages.copiedTab);
        expect(await statusOf(first)).not.toBe(messages.copiedTab);
        expect(await cartLines(second)).toBe(0);
        expect(await cartLines(first)).toBe(1);
        expect(await storedId(first, "session")).toBe(firstId);
      });

      for (const storage of browserWide)
        scenario(`shows a second tab the same session and cart on the per-browser ${storage} backend`, async ({ expect, openTab }) => {
          const first = await openTab(storage);
          await add(first, "mug");
          const second = await openTab(storage);
          await showsElement(second, "cart-item-mug");
          expect(await shownId(second)).toBe(await shownId(first));
          expect(await storedId(second, storage)).toBe(await storedId(first, storage));
        });

      for (const storage of browserWide)
        scenario(`carries a rotation in tab A to tab B on the per-browser ${storage} backend`, async ({ expect, openTab, logIn }) => {
          const [a, b] = [await openTab(storage), await openTab(storage)];
          const before = await shownId(a);
          expect(await shownId(b)).toBe(before);
          await add(a, "notebook");
          await logIn(a, `${storage}-rotator`);
          const after = await shownId(a);
          expect(after).not.toBe(before);
          await expect.poll(() => shownId(b), wait).toBe(after);
          await expect.poll(() => shownUser(b), wait).toBe(`${storage}-rotator`);
          await showsElement(b, "cart-item-notebook");
          // B says why its user changed; A, which logged in itself, says so instead.
          await expect.poll(() => statusOf(b), wait).toBe(messages.otherTabLoggedIn(`${storage}-rotator`));
          // A's own status follows its refresh, which can settle after B already heard the rotation.
          await expect.poll(() => statusOf(a), wait).toBe(messages.loggedIn(`${storage}-rotator`));
          await a.click(testId("logout"));
          await expect.poll(() => shownUser(b), wait).toBe("anonymous");
          await expect.poll(() => statusOf(b), wait).toBe(messages.otherTabLoggedOut);
          await expect.poll(() => statusOf(a), wait).toBe(messages.loggedOut);
        });

      scenario("moves the cart to the new session ID when logging in", async ({ expect, openTab, logIn }) => {
        const tab = await openTab("session");
        await add(tab, "tote");
        const before = await storedId(tab, "session");
        await logIn(tab, "alice");
        const after = await storedId(tab, "session");
        expect(after).not.toBe(before);
        expect(rowsOf(after)).toEqual({ cartItems: 1, logins: 1 });
        expect(rowsOf(before)).toEqual({ cartItems: 0, logins: 0 });
        await showsElement(tab, "cart-item-tote");
      });

      scenario("shows an empty cart after logging out and deletes the old session's rows", async ({ expect, openTab, logIn }) => {
        const tab = await openTab("session");
        await add(tab, "socks");
        await logIn(tab, "bob");
        const loggedIn = await storedId(tab, "session");
        expect(rowsOf(loggedIn)).toEqual({ cartItems: 1, logins: 1 });
        await tab.click(testId("logout"));
        await expect.poll(() => shownUser(tab), wait).toBe("anonymous");
        await expect.poll(() => textOf(tab, "cart-empty"), wait).toBe("Your cart is empty.");
        const after = await storedId(tab, "session");
        expect(after).not.toBe(loggedIn);
        expect(rowsOf(loggedIn)).toEqual({ cartItems: 0, logins: 0 });
        expect(rowsOf(after)).toEqual({ cartItems: 0, logins: 0 });
      });

      scenario("sends every tab of a user to a fresh session when all its sessions are ended", async ({ expect, openTab, logIn }) => {
        const [a, b] = [await openTab("session"), await openTab("session")];
        await logIn(a, "carol");
        await add(b, "mug");
        await logIn(b, "carol");
        const ended = await storedId(b, "session");
        expect(rowsOf(ended)).toEqual({ cartItems: 1, logins: 1 });
        await a.click(testId("end-all"));
        await expect.poll(() => shownUser(a), wait).toBe("anonymous");
        // Tab B learns it from its next cart read (410) and starts a new session itself.
        await expect.poll(() => shownUser(b), wait).toBe("anonymous");
        await expect.poll(() => textOf(b, "cart-empty"), wait).toBe("Your cart is empty.");
        await expect.poll(() => storedId(b, "session"), wait).not.toBe(ended);
        expect(rowsOf(ended)).toEqual({ cartItems: 0, logins: 0 });
      });

      scenario("ends an idle session by itself (the idle timeout): a new ID, and the server deleted the expired cart", async ({ expect, openTab }) => {
        // 0.05 idle minutes: three seconds, so the test does not wait a minute.
        const tab = await openTab("local", "&idle=0.05");
        await add(tab, "mug");
        const expired = await storedId(tab, "local");
        // Nothing is done in the page from here on: the session ends on its own.
        await expect.poll(() => storedId(tab, "local"), wait).not.toBe(expired);
        await expect.poll(() => statusOf(tab), wait).toContain("idle too long");
        await expect.poll(() => textOf(tab, "cart-empty"), wait).toBe("Your cart is empty.");
        expect(rowsOf(expired)).toEqual({ cartItems: 0, logins: 0 });
      });

      scenario("reloads with the idle timeout picked in the idle menu and shows it", async ({ expect, openTab }) => {
        const tab = await openTab("session");
        await tab.selectOption(testId("idle"), "15");
        await tab.waitFor(() => location.search.includes("idle=15") && document.readyState == "complete", undefined, wait);
        await expect.poll(() => shownId(tab), wait).toMatch(/^[\w-]{6}…$/);
        expect(await tab.evaluate((selector) => document.querySelector<HTMLSelectElement>(selector)!.value, testId("idle"))).toBe("15");
      });

      scenario("reloads on the backend picked in the storage menu and shows it", async ({ expect, openTab }) => {
        const tab = await openTab("session");
        // "local" is the option after "session": one trusted change, which reloads the page.
        await tab.selectOption(testId("storage"), "local");
        await tab.waitFor(() => location.search.includes("storage=local") && document.readyState == "complete", undefined, wait);
        await expect.poll(() => storedId(tab, "local"), wait).toMatch(/^[\w-]{21}$/);
        expect(await tab.evaluate((selector) => document.querySelector<HTMLSelectElement>(selector)!.value, testId("storage"))).toBe("local");
        const id = await storedId(tab, "local");
        await expect.poll(() => shownId(tab), wait).toBe(`${id!.slice(0, 6)}…`);
      });

      if (frontEnd == "vanilla")
        scenario("keeps the session ID when the refresh callback fails", async ({ expect, openTab }) => {
          const tab = await openTab("session");
          const before = await storedId(tab, "session");
          await tab.check(testId("fail-refresh"));
          await tab.click(testId("refresh"));
          await expect.poll(() => statusOf(tab), wait).toContain("aborted");
          expect(await storedId(tab, "session")).toBe(before);
          // The same button without the failure does rotate: the abort came from the callback.
          await tab.uncheck(testId("fail-refresh"));
          await tab.click(testId("refresh"));
          await expect.poll(() => storedId(tab, "session"), wait).not.toBe(before);
        });

      // Alone: it compares every cart row before and after.
      scenario("answers a forged or malformed X-Session-Id with 400 and changes nothing", async ({ expect, openTab }) => {
        const tab = await openTab("session");
        await add(tab, "socks");
        const before = allCartRows();
        const statuses = await tab.evaluate(async () => {
          const attempts: RequestInit[] = [
            ...["forged", "x".repeat(200), "aaaaaaaaaaaaaaaaaaaa'; DELETE FROM cart_items; --", ""].map((id) => ({
              method: "POST",
              headers: { "Content-Type": "application/json", "X-Session-Id": id },
              body: JSON.stringify({ productId: "mug" }),
            })),
            { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ productId: "mug", sessionId: "../../etc" }) },
          ];
          return Promise.all(attempts.map(async (init) => (await fetch("/api/cart/items", init)).status));
        });
        expect(statuses).toEqual([400, 400, 400, 400, 400]);
        expect(allCartRows()).toEqual(before);
        await tab.reload();
        await showsElement(tab, "cart-item-socks");
        expect(await cartLines(tab)).toBe(1);
      }, false);

      // Alone and last: the other scenarios would see the server go away.
      scenario("keeps the carts when the server restarts", async ({ expect, openTab }) => {
        const tab = await openTab("session");
        await add(tab, "notebook");
        await tab.click(testId("add-notebook"));
        await expect.poll(() => textOf(tab, "cart-item-notebook"), wait).toContain("× 2");
        const id = await shownId(tab);
        await server.restart();
        await tab.reload();
        await showsElement(tab, "cart-item-notebook");
        expect(await textOf(tab, "cart-item-notebook")).toContain("× 2");
        expect(await shownId(tab)).toBe(id);
      }, false);
    });
}
