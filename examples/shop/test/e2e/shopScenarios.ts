/**
 * The end-to-end scenarios of issue 8, written once and run against every page of the shop in
 * Chromium (playwright-core, /usr/bin/chromium). One browser and one server (with its own
 * SQLite file) per page; a fresh browser context, so fresh storage, per test. The tests of a page
 * run concurrently (each on its own sessions), except the restart, which runs alone at the end.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, inject, it, type ExpectStatic } from "vitest";
import { messages } from "../../src/shared/messages.ts";
import { startShopServer, type ShopServer } from "./startShopServer.ts";
import { chromiumArgs, chromiumPath } from "../../../../test-shared/chromium.mjs";

export type FrontEnd = "vanilla" | "react" | "vue" | "svelte" | "solid";
type Storage = "session" | "local" | "indexeddb" | "cookie";

const browserWide: Storage[] = ["local", "indexeddb", "cookie"];
/** Longest wait for something to show up on a page (generous: CI machines are slow). The cart poll runs every 2 s. */
const wait = { timeout: 10_000, interval: 50 };

export function shopScenarios(frontEnd: FrontEnd) {
  let dir: string;
  let dbFile: string;
  let server: ShopServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `shop-e2e-${frontEnd}-`));
    dbFile = join(dir, "shop.db");
    [server, browser] = await Promise.all([
      startShopServer(inject("shopDist"), dbFile),
      chromium.launch({ executablePath: chromiumPath, headless: true, args: [...chromiumArgs] }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
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

  const shownId = (page: Page) => page.getByTestId("session-id").textContent();
  const shownUser = (page: Page) => page.getByTestId("user").textContent();
  const cartLines = (page: Page) => page.getByTestId("cart").locator("li").count();

  /** The whole ID, read from the backend (the page shows only its start) without the metadata core stores after it. */
  const storedId = async (page: Page, storage: Storage) => (await storedValue(page, storage))?.split(".")[0] ?? null;
  const storedValue = (page: Page, storage: Storage) =>
    page.evaluate(async (storage) => {
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

  const add = async (page: Page, productId: string) => {
    await page.getByTestId(`add-${productId}`).click();
    await page.getByTestId(`cart-item-${productId}`).waitFor();
  };

  /** What a scenario works with: its own browser context (fresh storage) and its test's expect. */
  interface Scenario {
    context: BrowserContext;
    expect: ExpectStatic;
    /** A tab on the page under test, once it shows its session ID. */
    openTab(storage: Storage): Promise<Page>;
    logIn(page: Page, name: string): Promise<void>;
  }

  /** A test with its own browser context; it also fails if a page threw. */
  const scenario = (name: string, run: (scenario: Scenario) => Promise<void>, concurrent = true) =>
    (concurrent ? it.concurrent : it)(name, async ({ expect }) => {
      const pageErrors: string[] = [];
      const context = await browser.newContext();
      context.setDefaultTimeout(wait.timeout);
      context.on("page", (page) => page.on("pageerror", (error) => pageErrors.push(error.message)));
      const openTab = async (storage: Storage) => {
        const page = await context.newPage();
        await page.goto(`${server.url}/${frontEnd}?storage=${storage}`);
        await expect.poll(() => shownId(page), wait).toMatch(/^[\w-]{6}…$/);
        return page;
      };
      const logIn = async (page: Page, name: string) => {
        await page.getByTestId("login-name").fill(name);
        await page.getByTestId("login").click();
        await expect.poll(() => shownUser(page), wait).toBe(name);
      };
      try {
        await run({ context, expect, openTab, logIn });
      } finally {
        await context.close();
      }
      expect(pageErrors).toEqual([]);
    });

  describe(`${frontEnd} page`, () => {
    scenario("starts a second tab on the per-tab backend with its own session and an empty cart", async ({ context, expect, openTab }) => {
      const first = await openTab("session");
      await add(first, "socks");
      // window.open copies sessionStorage, as "duplicate tab" does: the new tab must move away.
      const [second] = await Promise.all([context.waitForEvent("page"), first.getByTestId("second-tab").click()]);
      const firstId = await storedId(first, "session");
      await expect.poll(() => storedId(second, "session"), wait).toMatch(/^[\w-]{21}$/);
      await expect.poll(() => storedId(second, "session"), wait).not.toBe(firstId);
      await expect.poll(() => shownId(second), wait).not.toBe(await shownId(first));
      await expect.poll(() => second.getByTestId("cart-empty").textContent(), wait).toBe("Your cart is empty.");
      // The copy says why its cart is empty (core's onDuplicate); the first tab says nothing of it.
      await expect.poll(() => second.getByTestId("status").textContent(), wait).toBe(messages.copiedTab);
      expect(await first.getByTestId("status").textContent()).not.toBe(messages.copiedTab);
      expect(await cartLines(second)).toBe(0);
      expect(await cartLines(first)).toBe(1);
      expect(await storedId(first, "session")).toBe(firstId);
    });

    for (const storage of browserWide)
      scenario(`shows a second tab the same session and cart on the per-browser ${storage} backend`, async ({ expect, openTab }) => {
        const first = await openTab(storage);
        await add(first, "mug");
        const second = await openTab(storage);
        await second.getByTestId("cart-item-mug").waitFor();
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
        await b.getByTestId("cart-item-notebook").waitFor();
        // B says why its user changed; A, which logged in itself, says so instead.
        await expect.poll(() => b.getByTestId("status").textContent(), wait).toBe(messages.otherTabLoggedIn(`${storage}-rotator`));
        // A's own status follows its refresh, which can settle after B already heard the rotation.
        await expect.poll(() => a.getByTestId("status").textContent(), wait).toBe(messages.loggedIn(`${storage}-rotator`));
        await a.getByTestId("logout").click();
        await expect.poll(() => shownUser(b), wait).toBe("anonymous");
        await expect.poll(() => b.getByTestId("status").textContent(), wait).toBe(messages.otherTabLoggedOut);
        await expect.poll(() => a.getByTestId("status").textContent(), wait).toBe(messages.loggedOut);
      });

    scenario("moves the cart to the new session ID when logging in", async ({ expect, openTab, logIn }) => {
      const page = await openTab("session");
      await add(page, "tote");
      const before = await storedId(page, "session");
      await logIn(page, "alice");
      const after = await storedId(page, "session");
      expect(after).not.toBe(before);
      expect(rowsOf(after)).toEqual({ cartItems: 1, logins: 1 });
      expect(rowsOf(before)).toEqual({ cartItems: 0, logins: 0 });
      await page.getByTestId("cart-item-tote").waitFor();
    });

    scenario("shows an empty cart after logging out and deletes the old session's rows", async ({ expect, openTab, logIn }) => {
      const page = await openTab("session");
      await add(page, "socks");
      await logIn(page, "bob");
      const loggedIn = await storedId(page, "session");
      expect(rowsOf(loggedIn)).toEqual({ cartItems: 1, logins: 1 });
      await page.getByTestId("logout").click();
      await expect.poll(() => shownUser(page), wait).toBe("anonymous");
      await expect.poll(() => page.getByTestId("cart-empty").textContent(), wait).toBe("Your cart is empty.");
      const after = await storedId(page, "session");
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
      await a.getByTestId("end-all").click();
      await expect.poll(() => shownUser(a), wait).toBe("anonymous");
      // Tab B learns it from its next cart read (410) and starts a new session itself.
      await expect.poll(() => shownUser(b), wait).toBe("anonymous");
      await expect.poll(() => b.getByTestId("cart-empty").textContent(), wait).toBe("Your cart is empty.");
      await expect.poll(() => storedId(b, "session"), wait).not.toBe(ended);
      expect(rowsOf(ended)).toEqual({ cartItems: 0, logins: 0 });
    });

    scenario("reloads on the backend picked in the storage menu and shows it", async ({ expect, openTab }) => {
      const page = await openTab("session");
      await Promise.all([page.waitForURL(/storage=local/), page.getByTestId("storage").selectOption("local")]);
      await expect.poll(() => storedId(page, "local"), wait).toMatch(/^[\w-]{21}$/);
      expect(await page.getByTestId("storage").inputValue()).toBe("local");
      expect(await shownId(page)).toBe(`${(await storedId(page, "local"))!.slice(0, 6)}…`);
    });

    if (frontEnd == "vanilla")
      scenario("keeps the session ID when the refresh callback fails", async ({ expect, openTab }) => {
        const page = await openTab("session");
        const before = await storedId(page, "session");
        await page.getByTestId("fail-refresh").check();
        await page.getByTestId("refresh").click();
        await expect.poll(() => page.getByTestId("status").textContent(), wait).toContain("aborted");
        expect(await storedId(page, "session")).toBe(before);
        // The same button without the failure does rotate: the abort came from the callback.
        await page.getByTestId("fail-refresh").uncheck();
        await page.getByTestId("refresh").click();
        await expect.poll(() => storedId(page, "session"), wait).not.toBe(before);
      });

    scenario("answers a forged or malformed X-Session-Id with 400 and changes nothing", async ({ expect, openTab }) => {
      const page = await openTab("session");
      await add(page, "socks");
      const before = allCartRows();
      const statuses = await page.evaluate(async () => {
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
      await page.reload();
      await page.getByTestId("cart-item-socks").waitFor();
      expect(await cartLines(page)).toBe(1);
    }, false);

    // Alone and last: the other scenarios would see the server go away.
    scenario("keeps the carts when the server restarts", async ({ expect, openTab }) => {
      const page = await openTab("session");
      await add(page, "notebook");
      await page.getByTestId("add-notebook").click();
      await expect.poll(() => page.getByTestId("cart-item-notebook").textContent(), wait).toContain("× 2");
      const id = await shownId(page);
      await server.restart();
      await page.reload();
      await page.getByTestId("cart-item-notebook").waitFor();
      await expect(page.getByTestId("cart-item-notebook").textContent()).resolves.toContain("× 2");
      expect(await shownId(page)).toBe(id);
    }, false);
  });
}
