// Figure 2: renders until the ID is visible, in jsdom. Run as its own process (`node
// lib/renders.mjs`, prints JSON): the server renders need a process without `window`, and the
// client renders then install jsdom's globals for good.
//
// The fixtures (../fixtures) are built with Vite as an app would be: a client build (browser
// builds of every framework, Svelte and Solid compiled for hydration) and a server build.
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { build, defaultClientConditions, defaultServerConditions } from "vite";
import solid from "vite-plugin-solid";

const fixtures = new URL("../fixtures/", import.meta.url).pathname;
const frameworks = ["react", "vue", "svelte", "solid", "convexHelpers"];

async function buildFixtures(outDir) {
  const common = {
    configFile: false,
    root: fixtures,
    logLevel: "error",
    mode: "development", // development builds, so hydration mismatches are reported
    plugins: [svelte({ configFile: false }), solid({ ssr: true })],
  };
  await build({
    ...common,
    resolve: { conditions: ["@sessionid/source", ...defaultClientConditions] },
    define: {
      "process.env.NODE_ENV": '"development"',
      __VUE_OPTIONS_API__: "true",
      __VUE_PROD_DEVTOOLS__: "false",
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
    },
    build: {
      outDir: join(outDir, "client"),
      minify: false,
      emptyOutDir: true,
      lib: { entry: Object.fromEntries(frameworks.map((name) => [name, `${name}.${name == "solid" ? "jsx" : "js"}`])), formats: ["es"] },
    },
  });
  await build({
    ...common,
    ssr: {
      noExternal: [/^@sessionid\//],
      resolve: { conditions: ["@sessionid/source", ...defaultServerConditions] },
    },
    build: {
      outDir: join(outDir, "server"),
      minify: false,
      emptyOutDir: true,
      ssr: true,
      rolldownOptions: {
        input: Object.fromEntries(frameworks.map((name) => [name, `${name}.server.${name == "solid" ? "jsx" : "js"}`])),
        output: { format: "es", entryFileNames: "[name].js" },
      },
    },
  });
}

/** Scenario rows: ours per adapter, and the anchor's two modes. */
const scenarios = [];
for (const framework of ["react", "vue", "svelte", "solid"])
  for (const backend of ["sync", "async", "hydrate"])
    scenarios.push({ framework, backend, hydrate: backend == "hydrate" });
for (const ssrFriendly of [false, true])
  for (const backend of ["sync", "hydrate"])
    scenarios.push({ framework: "convexHelpers", ssrFriendly, backend, hydrate: backend == "hydrate" });
scenarios.forEach((scenario, index) => (scenario.key = `bench-${index}`));

// Inside bench/ (ignored by git), so the server build's external imports resolve from here.
const outRoot = new URL("../.out/", import.meta.url).pathname;
await mkdir(outRoot, { recursive: true });
const outDir = await mkdtemp(join(outRoot, "renders-"));
try {
  await buildFixtures(outDir);
  globalThis.__probe = { renders: 0 };
  const load = (side, name) => import(pathToFileURL(join(outDir, side, `${name}.js`)).href);

  // Server renders first, in a process that has no `window` yet.
  const server = {};
  for (const name of frameworks) server[name] = await load("server", name);
  const solidScript = server.solid.hydrationScript().replace(/^<script[^>]*>|<\/script>.*$/gs, "");
  for (const scenario of scenarios)
    if (scenario.hydrate) scenario.markup = await server[scenario.framework].renderOnServer(scenario);

  // Then the browser: jsdom's window as the global scope, fake-indexeddb for IndexedDB.
  const { JSDOM } = await import("jsdom");
  const dom = new JSDOM("<!doctype html><html><body></body></html>", { url: "http://127.0.0.1/", pretendToBeVisual: true });
  for (const name of Object.getOwnPropertyNames(dom.window))
    if (!(name in globalThis)) Object.defineProperty(globalThis, name, { configurable: true, writable: true, value: dom.window[name] });
  for (const name of ["window", "self", "navigator"])
    Object.defineProperty(globalThis, name, { configurable: true, writable: true, value: dom.window[name] });
  // Window methods live on its prototype: bind the ones code calls unqualified.
  for (const name of ["addEventListener", "removeEventListener", "dispatchEvent"]) globalThis[name] = dom.window[name].bind(dom.window);
  await import("fake-indexeddb/auto");
  // What Solid's hydration script sets up in a page (jsdom does not run inline scripts).
  new Function(solidScript)();
  window._$HY ??= globalThis._$HY;

  const client = {};
  for (const name of frameworks) client[name] = await load("client", name);

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  for (const scenario of scenarios) {
    const container = document.body.appendChild(document.createElement("div"));
    if (scenario.markup) container.innerHTML = scenario.markup;
    const shown = () => container.querySelector("output")?.textContent ?? "";
    globalThis.__probe.renders = 0;
    // What the page showed, and after how many renders, at each DOM change.
    const timeline = [{ text: shown(), renders: 0 }];
    const observer = new MutationObserver(() => timeline.push({ text: shown(), renders: globalThis.__probe.renders }));
    observer.observe(container, { subtree: true, childList: true, characterData: true });
    const warnings = [];
    const { error, warn } = console;
    console.error = console.warn = (...args) => warnings.push(String(args[0]).slice(0, 200));
    const unmount = client[scenario.framework].mount(container, scenario);
    // Settle: wait until an ID shows, then a little longer for any later renders.
    for (let waited = 0; !shown() && waited < 3000; waited += 5) await sleep(5);
    await sleep(100);
    observer.disconnect();
    console.error = error;
    console.warn = warn;
    const finalId = shown();
    const first = timeline.find((entry) => entry.text && entry.text == finalId && entry.renders > 0);
    scenario.result = {
      rendersUntilVisible: finalId ? (first?.renders ?? null) : null,
      totalRenders: globalThis.__probe.renders,
      hydrationWarnings: warnings.length,
    };
    unmount();
    container.remove();
  }
  process.stdout.write(
    JSON.stringify(scenarios.map(({ framework, backend, ssrFriendly, result }) => ({ framework, backend, ssrFriendly, ...result }))),
  );
} finally {
  await rm(outDir, { recursive: true, force: true });
}
process.exit(0);
