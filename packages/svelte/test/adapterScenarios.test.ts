import { svelte } from "@sveltejs/vite-plugin-svelte";
import { render } from "@testing-library/svelte";
import { flushSync, hydrate, tick, unmount } from "svelte";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll } from "vitest";
import type { SessionId } from "@sessionid/core";
import { adapterScenarios, type AdapterHarness, type Mounted } from "../../../test-shared/adapterScenarios.ts";
import { sourceConditions } from "../../../vitest.shared.ts";
import Scenario from "./fixtures/Scenario.svelte";

type ReaderApi = Parameters<import("svelte").ComponentProps<typeof Scenario>["expose"]>[0];

// The hydration scenarios hydrate a real svelte/server render of the same fixture, made through
// Vite's SSR loader (as in hydration.test.svelte.ts).
let vite: ViteDevServer;
let renderScenarioOnServer: (initialId: string | undefined) => string;
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
  ({ renderScenarioOnServer } = await vite.ssrLoadModule("/fixtures/renderOnServer.ts"));
});
afterAll(() => vite.close());

/** The fixture's props and what a test reads from the Reader's markup. */
const fixture = (fn: (args: { item: string; sessionId: SessionId }) => unknown) => {
  const renders = { reader: 0, bystander: 0 };
  const effects: (SessionId | undefined)[] = [];
  let api: ReaderApi | undefined;
  const props = {
    fn,
    expose: (exposed: ReaderApi) => (api = exposed),
    onReaderRender: () => renders.reader++,
    onReaderEffect: (id: SessionId | undefined) => void effects.push(id),
    onBystanderRender: () => renders.bystander++,
  };
  const view = (container: Element, end: () => void): Mounted => {
    const shown = () => JSON.parse(container.querySelector('[data-testid="reader"]')!.textContent!);
    return {
      id: () => shown().id,
      args: () => api!.args(),
      effects: () => [...effects],
      rerender: () => api!.rerender(),
      renders: () => ({ ...renders }),
      refresh: (beforeCommit) => api!.refresh(beforeCommit),
      call: (args) => api!.call(args),
      unmount: end,
    };
  };
  return { props, view };
};

const harness: AdapterHarness = {
  mount(session, fn) {
    const { props, view } = fixture(fn);
    const rendered = render(Scenario, { props: { session, ...props } });
    return view(rendered.container, rendered.unmount);
  },
  flush: tick,
  async hydrate(session, initialId) {
    const { props, view } = fixture(() => {});
    const target = document.body.appendChild(document.createElement("div"));
    target.innerHTML = renderScenarioOnServer(initialId);
    const app = hydrate(Scenario, { target, props: { session, hydrate: true, ...props } });
    flushSync();
    await tick();
    return view(target, () => {
      unmount(app);
      target.remove();
    });
  },
};

adapterScenarios("svelte", harness);
