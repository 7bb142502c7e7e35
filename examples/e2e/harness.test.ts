/**
 * The suite's own machinery, against the throwaway app in fixture-app/ (the contract's scripts,
 * nothing of a framework): the copy-and-build, the server start and stop (whole process group),
 * and the capture proxy (injection before the page's scripts in every engine, streaming, Host
 * header, upgrades).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchEngine, type Engine } from "../../test-shared/browsers/index.mjs";
import { buildApp, removeOrphanCopies } from "./buildApp.ts";
import { startAppServer, type AppServer } from "./startAppServer.ts";
import { startCaptureProxy, type CaptureProxy } from "./startCaptureProxy.ts";

const fixture = fileURLToPath(new URL("fixture-app", import.meta.url));
const alive = (pid: number) => {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ").at(-1)!.split(" ")[0];
    return state != "Z";
  } catch {
    return false;
  }
};

describe("harness", () => {
  let work: string;
  let dir: string;
  let server: AppServer;
  let proxy: CaptureProxy;
  const dbFile = () => join(work, "shop.db");

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "apps-harness-"));
    ({ dir } = await buildApp(fixture));
    server = await startAppServer(dir, "serve", { dbFile: dbFile() });
    proxy = await startCaptureProxy(server.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("builds a copy of the app beside it with its build script, leaving the original untouched", () => {
    expect(dirname(dir)).toBe(dirname(fixture));
    expect(readFileSync(join(dir, "out/index.html"), "utf8")).toContain("fixture-id");
    expect(existsSync(join(fixture, "out"))).toBe(false);
  });

  it("removes only the copies whose run has ended", () => {
    const folder = join(work, "orphans");
    const ended = spawnSync(process.execPath, ["-e", ""]).pid!;
    for (const [name, owner] of [[".e2e-ended", ended], [".e2e-running", process.pid], [".e2e-unowned", null]] as const) {
      mkdirSync(join(folder, name), { recursive: true });
      if (owner) writeFileSync(join(folder, name, ".e2e-owner"), String(owner));
    }
    removeOrphanCopies(folder);
    expect(readdirSync(folder).sort()).toEqual([".e2e-running", ".e2e-unowned"]);
    expect(readFileSync(join(dir, ".e2e-owner"), "utf8")).toBe(String(process.pid));
  });

  it("serves with PORT and SHOP_DB from the environment", () => {
    expect(JSON.parse(readFileSync(dbFile(), "utf8")).port).toBe(String(server.port));
  });

  it("injects the capture right after <head>, though the tag came split across chunks, and records the page as served", async () => {
    const before = proxy.pages.length;
    const html = await (await fetch(`http://127.0.0.1:${proxy.port}/`, { headers: { cookie: "a=1" } })).text();
    expect(html).toMatch(/^<!doctype html><html lang="en"><head data-fixture="yes"><script>\(\(\) => \{\n  if \(window.__sessionidCapture\)/);
    expect(html.match(/<header>not the head<\/header>/g)).toHaveLength(1);
    const [page] = proxy.pages.slice(before);
    expect(page).toMatchObject({ host: `127.0.0.1:${proxy.port}`, path: "/", cookie: "a=1", status: 200 });
    expect(await page!.html).toBe(readFileSync(join(dir, "out/index.html"), "utf8"));
  });

  it("streams: the start of a page arrives before the app has finished it", async () => {
    const answer = await fetch(`http://127.0.0.1:${proxy.port}/held`);
    const reader = answer.body!.getReader();
    let first = "";
    while (!first.includes("</head>")) first += new TextDecoder().decode((await reader.read()).value);
    expect(first).not.toContain("fixture-id");
    await fetch(`${server.url}/release`);
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(first + rest).toContain("fixture-id");
  });

  it("keeps the Host header, asks for uncompressed bodies and passes other responses through", async () => {
    const echo = await (await fetch(`http://127.0.0.1:${proxy.port}/echo`, { headers: { "accept-encoding": "gzip, br" } })).json();
    expect(echo).toEqual({ host: `127.0.0.1:${proxy.port}`, cookie: "", encoding: "" });
    // fetch cannot set Host: a raw request as a browser on localhost sends it.
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(proxy.port, "127.0.0.1", () =>
        socket.write(`GET /echo HTTP/1.1\r\nHost: localhost:${proxy.port}\r\nConnection: close\r\n\r\n`),
      );
      let text = "";
      socket.on("data", (data) => (text += data));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(raw).toContain(`"host":"localhost:${proxy.port}"`);
  });

  it("passes upgrades through both ways", async () => {
    const echoed = await new Promise<string>((resolve, reject) => {
      const socket = connect(proxy.port, "127.0.0.1", () =>
        socket.write(`GET /socket HTTP/1.1\r\nHost: 127.0.0.1:${proxy.port}\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n`),
      );
      let text = "";
      socket.on("data", (data) => {
        text += data;
        if (text.includes("\r\n\r\n") && !text.includes("ping")) socket.write("ping");
        if (text.endsWith("ping")) socket.destroy(), resolve(text);
      });
      socket.on("error", reject);
    });
    expect(echoed).toMatch(/^HTTP\/1.1 101 Switching Protocols\r\n[\s\S]*\r\n\r\nping$/);
  });

  for (const name of ["chromium", "webkit"] as const) {
    describe(name, () => {
      let engine: Engine;
      beforeAll(async () => {
        engine = await launchEngine(name);
      });
      afterAll(async () => {
        await engine?.close();
      });

      it("the capture runs before the page's first script; localhost and 127.0.0.1 are two sites", async () => {
        const profile = await engine.newProfile();
        const tab = await profile.openTab(`http://127.0.0.1:${proxy.port}/`);
        expect(await tab.evaluate(() => (window as unknown as { firstScriptRan: boolean }).firstScriptRan)).toBe(true);
        expect(await tab.uncaught()).toEqual(["console.warn warned by the page's first script"]);
        await tab.evaluate(() => void (document.cookie = "site=loopback-ip; path=/"));
        await tab.goto(`http://localhost:${proxy.port}/`);
        expect(await tab.evaluate(() => [location.hostname, document.cookie])).toEqual(["localhost", ""]);
        expect(proxy.pages.at(-1)!.host).toBe(`localhost:${proxy.port}`);
        await profile.close();
      });
    });
  }

  it("stops the server's whole process group", async () => {
    const { grandchild } = JSON.parse(readFileSync(dbFile(), "utf8"));
    expect(alive(grandchild)).toBe(true);
    await server.stop();
    expect(alive(grandchild)).toBe(false);
    await expect(fetch(server.url)).rejects.toThrow();
  });
});
