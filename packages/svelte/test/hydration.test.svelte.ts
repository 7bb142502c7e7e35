import { svelte } from "@sveltejs/vite-plugin-svelte";
import { flushSync, hydrate, unmount } from "svelte";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createSession, generateSessionId, type SessionOptions } from "@sessionid/core";
import { sourceConditions } from "../../../vitest.shared.ts";
import App from "./fixtures/App.svelte";
import NestedApp from "./fixtures/NestedApp.svelte";
import { storedId } from "../../../test-shared/adapterScenarios.ts";

// The server half runs in this same test through Vite's SSR loader, so the markup comes from a
// real svelte/server render of the same fixture. `server: true` stands in for "no window".
let vite: ViteDevServer;
let renderOnServer: (value: SessionOptions) => string;
let renderNestedOnServer: (outer: SessionOptions, inner: SessionOptions) => string;

beforeAll(async () => {
  vite = await createServer({
    ...sourceConditions,
    root: import.meta.dirname,
    configFile: false,
    logLevel: "silent",
    plugins: [svelte({ configFile: false })],
    server: { middlewareMode: true, hmr: false, ws: false },
    appType: "custom",
  });
  ({ renderOnServer, renderNestedOnServer } = await vite.ssrLoadModule("/fixtures/renderOnServer.ts"));
});

afterAll(() => vite.close());
afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
  document.body.innerHTML = "";
});

const serve = (value: SessionOptions) => {
  const target = document.createElement("div");
  target.innerHTML = renderOnServer({ ...value, server: true });
  document.body.append(target);
  return target;
};

const watchConsole = () => [vi.spyOn(console, "warn"), vi.spyOn(console, "error")];
const shown = (target: HTMLElement) => target.querySelector("output")!.textContent;

describe("hydrating server markup", () => {
  it("with hydrate: true shows the server's markup unchanged, then the ID right after hydration", () => {
    const target = serve({});
    const serverOutput = target.querySelector("output");
    const serverHtml = target.innerHTML;
    const session = createSession();
    const logs = watchConsole();

    const app = hydrate(App, { target, props: { value: session, hydrate: true } });
    expect(target.querySelector("output")).toBe(serverOutput);
    expect(target.innerHTML).toBe(serverHtml);

    flushSync();
    expect(shown(target)).toBe(session.get());
    expect(target.textContent).toContain("known");
    expect(target.querySelector("output")).toBe(serverOutput);
    for (const log of logs) expect(log).not.toHaveBeenCalled();
    unmount(app);
    session.dispose();
  });

  it("shows the ID in the first hydrated render when the server knew it through initialId", () => {
    const initialId = generateSessionId();
    const target = serve({ initialId });
    expect(shown(target)).toBe(initialId);
    sessionStorage.setItem("sessionid", initialId); // the browser holds what the server rendered
    const session = createSession({ initialId });
    const logs = watchConsole();

    const app = hydrate(App, { target, props: { value: session, hydrate: true } });
    expect(shown(target)).toBe(initialId);
    flushSync();
    expect(shown(target)).toBe(initialId);
    expect(storedId(sessionStorage, "sessionid")).toBe(initialId);
    for (const log of logs) expect(log).not.toHaveBeenCalled();
    unmount(app);
    session.dispose();
  });

  it("without hydrate: true the first hydrated render already reads the live ID, unlike the server", () => {
    const target = serve({});
    const serverHtml = target.innerHTML;
    const session = createSession();

    const app = hydrate(App, { target, props: { value: session } });
    expect(shown(target)).toBe(session.get());
    expect(target.innerHTML).not.toBe(serverHtml);
    unmount(app);
    session.dispose();
  });

  it("a component mounted after hydration shows the ID in its first render", () => {
    const target = serve({});
    const session = createSession();
    const props = $state({ value: session, hydrate: true, later: false });
    const app = hydrate(App, { target, props });
    flushSync();
    props.later = true;
    flushSync();
    expect(target.querySelector('[data-testid="later"]')!.textContent).toBe(session.get());
    unmount(app);
    session.dispose();
  });

  it("an inner setSessionContext inherits hydrate: true, so its subtree matches the server too", () => {
    const target = document.createElement("div");
    target.innerHTML = renderNestedOnServer({ server: true }, { key: "inner", server: true });
    document.body.append(target);
    const serverHtml = target.innerHTML;
    const outer = createSession();
    const inner = createSession({ key: "inner" });

    const app = hydrate(NestedApp, { target, props: { outer, inner, hydrate: true } });
    expect(target.innerHTML).toBe(serverHtml);
    flushSync();
    expect(target.querySelector('[data-testid="inner"]')!.textContent).toBe(inner.get());
    unmount(app);
    outer.dispose();
    inner.dispose();
  });
});
