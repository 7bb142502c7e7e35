import { render } from "@testing-library/vue";
import { afterEach } from "vitest";
import { createSSRApp, defineComponent, h, nextTick, type Component } from "vue";
import { renderToString } from "vue/server-renderer";
import { adapterScenarios, type Mounted } from "../../../test-shared/adapterScenarios.ts";
import { createSession, sessionPlugin, type SessionId } from "../src/index.ts";
import { makeBystander, makeReader, shownId, type ReaderProbe } from "./fixtures.ts";

// Views a failing scenario left mounted are unmounted here, so one failure cannot spill over.
const mounted = new Set<() => void>();
afterEach(() => mounted.forEach((unmount) => unmount()));

/** The shared fixture: the probes, the app component, and what a test reads from a container. */
const fixture = (fn: (args: { item: string; sessionId: SessionId }) => unknown = () => {}) => {
  const reader: ReaderProbe = { renders: 0 };
  const bystander = { renders: 0 };
  const Reader = makeReader(reader, fn);
  const Bystander = makeBystander(bystander);
  const App: Component = defineComponent({ setup: () => () => h("div", [h(Reader), h(Bystander)]) });
  const view = (container: Element, end: () => void): Mounted => {
    const element = () => container.querySelector('[data-testid="reader"]');
    const unmount = () => {
      mounted.delete(unmount);
      end();
    };
    mounted.add(unmount);
    return {
      id: () => shownId(element()),
      // The computed itself, not the markup, so that a test can compare identities.
      args: () => reader.args!.value as ReturnType<Mounted["args"]>,
      effects: () => [...reader.effects!],
      rerender: () => reader.rerender!(),
      renders: () => ({ reader: reader.renders, bystander: bystander.renders }),
      refresh: (beforeCommit) => reader.refresh!(beforeCommit),
      call: (args) => reader.call!(args),
      unmount,
    };
  };
  return { reader, bystander, App, view };
};

adapterScenarios("vue", {
  mount(session, fn) {
    const { App, view } = fixture(fn);
    const rendered = render(App, { global: { plugins: [sessionPlugin(session)] } });
    return view(rendered.container, rendered.unmount);
  },
  flush: () => nextTick(),
  async hydrate(session, initialId) {
    const { reader, bystander, App, view } = fixture();
    const server = createSession({ initialId, server: true });
    const html = await renderToString(createSSRApp(App).use(sessionPlugin(server)));
    server.dispose();
    Object.assign(reader, { renders: 0, effects: [] });
    bystander.renders = 0;
    const container = document.body.appendChild(document.createElement("div"));
    container.innerHTML = html;
    const app = createSSRApp(App).use(sessionPlugin(session));
    app.mount(container);
    await nextTick();
    return view(container, () => {
      app.unmount();
      container.remove();
    });
  },
});
