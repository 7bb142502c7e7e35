/**
 * The driver's self-tests: the same scenarios in every engine, one browser per engine per file
 * and fresh profiles per test. Waits are condition waits (`tab.waitFor`), never fixed sleeps.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchEngine, type Engine, type EngineName, type Profile } from "../index.mjs";
import { startFixtureServer } from "./fixtureServer.ts";

declare global {
  interface Window {
    heard: string[];
    marker?: number;
    persisted?: boolean;
    release?: () => void;
    acquired?: boolean;
    clicks?: number;
    typed?: string;
    changes?: string[];
    keys?: string[];
  }
}

/** Polls a Node-side condition (here: what a tab has recorded) until it answers a truthy value. */
const until = async <T>(condition: () => Promise<T | undefined | false>, timeout = 20_000): Promise<T> => {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

export function driverScenarios(name: EngineName) {
  // The project's config leaves out the files of engines SESSIONID_ENGINES does not name.
  describe(`${name}`, () => {
    let engine: Engine;
    let server: Awaited<ReturnType<typeof startFixtureServer>>;
    const profiles: Profile[] = [];
    const page = (path = "/") => server.origin + path;
    const profile = async () => {
      const created = await engine.newProfile();
      profiles.push(created);
      return created;
    };
    const twoTabs = async () => {
      const p = await profile();
      return [await p.openTab(page("/a")), await p.openTab(page("/b"))] as const;
    };

    beforeAll(async () => {
      server = await startFixtureServer();
      engine = await launchEngine(name, { backForwardCache: true });
    });
    afterEach(async () => {
      await Promise.all(profiles.splice(0).map((p) => p.close()));
    });
    afterAll(async () => {
      await engine?.close();
      await server?.close();
    });

    it("two tabs of a profile share localStorage, and the other tab hears a storage event", async () => {
      const [a, b] = await twoTabs();
      await b.evaluate(() => {
        window.heard = [];
        addEventListener("storage", (event) => window.heard.push(`${event.key}=${event.newValue}`));
      });
      await a.evaluate(() => localStorage.setItem("shared", "1"));
      expect(await b.waitFor(() => window.heard.length > 0 && window.heard)).toEqual(["shared=1"]);
      expect(await b.evaluate(() => localStorage.getItem("shared"))).toBe("1");
      expect(await a.uncaught()).toEqual([]);
    });

    it("sessionStorage is per tab and kept on reload", async () => {
      const [a, b] = await twoTabs();
      await a.evaluate(() => sessionStorage.setItem("mine", "a"));
      expect(await b.evaluate(() => sessionStorage.getItem("mine"))).toBeNull();
      await a.reload();
      expect(await a.evaluate(() => [sessionStorage.getItem("mine"), (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined)?.type ?? "reload"])).toEqual(["a", "reload"]);
    });

    it("window.open from the page copies sessionStorage into the new tab, which then goes its own way", async () => {
      const a = await (await profile()).openTab(page("/a"));
      await a.evaluate(() => sessionStorage.setItem("copied", "yes"));
      const copy = await a.openFromPage();
      expect(await copy.evaluate(() => [location.pathname, sessionStorage.getItem("copied")])).toEqual(["/a", "yes"]);
      await copy.evaluate(() => sessionStorage.setItem("copied", "changed"));
      expect(await a.evaluate(() => sessionStorage.getItem("copied"))).toBe("yes");
      await copy.close();
      // The profile still opens tabs after one closed (WebKit needs an open current window).
      const later = await a.openFromPage(page("/later"));
      expect(await later.evaluate(() => sessionStorage.getItem("copied"))).toBe("yes");
    });

    it("a BroadcastChannel message reaches the other tab", async () => {
      const [a, b] = await twoTabs();
      await b.evaluate(() => {
        window.heard = [];
        new BroadcastChannel("driver").onmessage = (event) => window.heard.push(String(event.data));
      });
      await a.evaluate(() => {
        const channel = new BroadcastChannel("driver");
        channel.postMessage("hello");
        channel.close();
      });
      expect(await b.waitFor(() => window.heard.length > 0 && window.heard)).toEqual(["hello"]);
    });

    it("a Web Lock held in one tab blocks the other until it is released", async () => {
      const [a, b] = await twoTabs();
      await a.evaluate(
        () => new Promise<void>((held) => navigator.locks.request("driver", () => new Promise<void>((release) => ((window.release = release), held())))),
      );
      expect(await b.evaluate(() => navigator.locks.request("driver", { ifAvailable: true }, (lock) => lock === null))).toBe(true);
      // Wait for the lock in an evaluate that answers only once it is granted: the driver must
      // not block the other tab meanwhile (WebDriver runs one command at a time per session).
      const granted = b.evaluate(() => navigator.locks.request("driver", () => "granted"));
      await a.evaluate(() => window.release!());
      expect(await granted).toBe("granted");
    });

    it("IndexedDB is shared by the tabs of a profile", async () => {
      const [a, b] = await twoTabs();
      const open = () => {
        const request = indexedDB.open("driver", 1);
        request.onupgradeneeded = () => request.result.createObjectStore("kv");
        return new Promise<IDBDatabase>((resolve, reject) => ((request.onsuccess = () => resolve(request.result)), (request.onerror = () => reject(request.error))));
      };
      await a.evaluate(async (open) => {
        const db: IDBDatabase = await new Function(`return (${open})()`)();
        await new Promise((resolve, reject) => {
          const tx = db.transaction("kv", "readwrite");
          tx.objectStore("kv").put("from a", "key");
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      }, open.toString());
      const read = await b.evaluate(async (open) => {
        const db: IDBDatabase = await new Function(`return (${open})()`)();
        const request = db.transaction("kv").objectStore("kv").get("key");
        const value = await new Promise((resolve, reject) => ((request.onsuccess = () => resolve(request.result)), (request.onerror = () => reject(request.error))));
        db.close();
        return value;
      }, open.toString());
      expect(read).toBe("from a");
    });

    it("cookies on http://127.0.0.1 are shared by the tabs and sent to the server", async () => {
      const [a, b] = await twoTabs();
      await a.evaluate(() => void (document.cookie = "driver=1; path=/; SameSite=Lax"));
      expect(await b.evaluate(() => document.cookie)).toContain("driver=1");
      expect(await b.evaluate(() => fetch("/cookie").then((response) => response.json()))).toContain("driver=1");
      await a.evaluate(() => void (document.cookie = "lasting=2; path=/; max-age=3600; SameSite=Strict"));
      const cookies = await b.cookies();
      expect(cookies.find((cookie) => cookie.name == "driver")).toMatchObject({ value: "1", path: "/", expires: -1, secure: false, httpOnly: false });
      const lasting = cookies.find((cookie) => cookie.name == "lasting")!;
      expect(lasting).toMatchObject({ value: "2", sameSite: "Strict" });
      expect(Math.abs(lasting.expires - (Date.now() / 1000 + 3600))).toBeLessThan(600);
    });

    it("https with a self-signed certificate: a Secure cookie, as the driver reports it", async () => {
      const a = await (await profile()).openTab(server.secureOrigin + "/a");
      expect(await a.evaluate(() => [location.protocol, isSecureContext])).toEqual(["https:", true]);
      await a.evaluate(() => void (document.cookie = "secure=1; path=/; Secure; SameSite=None"));
      expect((await a.cookies()).find((cookie) => cookie.name == "secure")).toMatchObject({ value: "1", secure: true, sameSite: "None" });
    });

    it("back restores the page from the back/forward cache (pageshow.persisted)", async () => {
      const a = await (await profile()).openTab(page("/a"));
      await a.evaluate(() => {
        window.marker = 42;
        addEventListener("pageshow", (event) => (window.persisted = event.persisted));
      });
      await a.goto(page("/elsewhere"));
      expect(await a.evaluate(() => [location.pathname, window.marker ?? null])).toEqual(["/elsewhere", null]);
      await a.back();
      await a.waitFor(() => window.persisted === true);
      expect(await a.evaluate(() => [location.pathname, window.marker])).toEqual(["/a", 42]);
    });

    it("with the back/forward cache off (launchEngine's default), back loads the page again", async () => {
      const plain = await launchEngine(name);
      try {
        const a = await (await plain.newProfile()).openTab(page("/a"));
        await a.evaluate(() => void (window.marker = 42));
        await a.goto(page("/elsewhere"));
        await a.back();
        expect(await a.evaluate(() => [location.pathname, window.marker ?? null])).toEqual(["/a", null]);
      } finally {
        await plain.close();
      }
    });

    it("uncaught errors, unhandled rejections and console.error/warn are captured, across reloads", async () => {
      const a = await (await profile()).openTab(page("/a?throw"));
      await a.evaluate(() => {
        setTimeout(() => {
          throw new TypeError("thrown later");
        });
        void Promise.reject(new Error("never handled"));
        console.warn("careful", { n: 1 });
      });
      // The load-time error and the three above, before the reload.
      await until(async () => (await a.uncaught()).length >= 4);
      await a.reload();
      await a.evaluate(() => console.error("after the reload"));
      const seen = await until(async () => ((await a.uncaught()).length >= 6 ? a.uncaught() : undefined));
      // Each engine reports the load-time error and the later ones; order across kinds may vary.
      expect([...seen].sort()).toEqual(
        [
          "uncaught Error: thrown while loading",
          "uncaught TypeError: thrown later",
          "unhandled rejection Error: never handled",
          'console.warn careful {"n":1}',
          "uncaught Error: thrown while loading",
          "console.error after the reload",
        ].sort(),
      );
    });

    it("click and fill with the driver's own (trusted) input", async () => {
      const a = await (await profile()).openTab(page("/a"));
      await a.click("#button");
      await a.fill("#input", "typed");
      await a.fill("#input", "again");
      expect(await a.waitFor(() => window.typed == "again" && [window.clicks, window.typed])).toEqual([1, "again"]);
    });

    it("selectOption picks an option with trusted arrow keys, one change per enabled option in between", async () => {
      const a = await (await profile()).openTab(page("/a"));
      await a.selectOption("#select", "two");
      expect(await a.evaluate(() => window.changes)).toEqual(["two"]);
      // "off" is disabled: the keyboard skips it, as for a user.
      await a.selectOption("#select", "three");
      await a.selectOption("#select", "one");
      expect(await a.waitFor(() => window.changes?.length == 4 && window.changes)).toEqual(["two", "three", "two", "one"]);
      await expect(a.selectOption("#select", "off")).rejects.toThrow(/no enabled option/);
      expect(await a.evaluate(() => (document.querySelector("#select") as HTMLSelectElement).value)).toBe("one");
    });

    it("check and uncheck click a checkbox (trusted) only when it is not in that state yet", async () => {
      const a = await (await profile()).openTab(page("/a"));
      await a.check("#checkbox");
      await a.check("#checkbox");
      expect(await a.evaluate(() => [(document.querySelector("#checkbox") as HTMLInputElement).checked, window.changes])).toEqual([true, ["true"]]);
      await a.uncheck("#checkbox");
      await a.uncheck("#checkbox");
      expect(await a.evaluate(() => [(document.querySelector("#checkbox") as HTMLInputElement).checked, window.changes])).toEqual([false, ["true", "false"]]);
    });

    it("press sends trusted keys to the focused element", async () => {
      const a = await (await profile()).openTab(page("/a"));
      await a.evaluate(() =>
        document.querySelector("#input")!.addEventListener("keydown", (event) => (window.keys ??= []).push(event.key + (event.isTrusted ? "" : " (untrusted)"))),
      );
      await a.press("#input", "x");
      await a.press("#input", "ArrowLeft");
      await a.press("#input", "Enter");
      expect(await a.waitFor(() => window.keys?.length == 3 && [window.keys, window.typed])).toEqual([["x", "ArrowLeft", "Enter"], "x"]);
    });

    it("openByClick answers the tab a trusted click opened, with a copy of sessionStorage", async () => {
      const a = await (await profile()).openTab(page("/a"));
      await a.evaluate(() => sessionStorage.setItem("copied", "by click"));
      const opened = await a.openByClick("#opener");
      expect(await opened.evaluate(() => [location.pathname, sessionStorage.getItem("copied")])).toEqual(["/opened", "by click"]);
      await opened.close();
    });

    it("an evaluate that throws rejects with the page's error", async () => {
      const a = await (await profile()).openTab(page("/a"));
      await expect(a.evaluate(() => JSON.parse("{"))).rejects.toThrow(/SyntaxError/);
    });

    it("profiles are isolated from each other", async () => {
      const [one, two] = [await profile(), await profile()];
      const a = await one.openTab(page("/a"));
      await a.evaluate(async () => {
        localStorage.setItem("isolated", "1");
        document.cookie = "isolated=1; path=/";
        await new Promise((resolve) => (indexedDB.open("isolated").onsuccess = resolve));
      });
      const b = await two.openTab(page("/a"));
      expect(
        await b.evaluate(async () => [
          localStorage.getItem("isolated"),
          document.cookie.includes("isolated"),
          (await indexedDB.databases()).some((db) => db.name == "isolated"),
        ]),
      ).toEqual([null, false, false]);
    });
  });
}
