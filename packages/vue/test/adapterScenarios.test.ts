import { render } from "@testing-library/vue";
import { afterEach } from "vitest";
import { defineComponent, h, nextTick } from "vue";
import { adapterScenarios } from "../../../test-shared/adapterScenarios.ts";
import { sessionPlugin } from "../src/index.ts";
import { makeBystander, makeReader, shownArgs, shownId, type ReaderProbe } from "./fixtures.ts";

// Views a failing scenario left mounted are unmounted here, so one failure cannot spill over.
const mounted = new Set<() => void>();
afterEach(() => mounted.forEach((unmount) => unmount()));

adapterScenarios("vue", {
  mount(session, fn) {
    const reader: ReaderProbe = { renders: 0 };
    const bystander = { renders: 0 };
    const Reader = makeReader(reader, fn);
    const Bystander = makeBystander(bystander);
    const App = defineComponent({ setup: () => () => h("div", [h(Reader), h(Bystander)]) });
    const view = render(App, { global: { plugins: [sessionPlugin(session)] } });
    const element = () => view.container.querySelector('[data-testid="reader"]');
    const unmount = () => {
      mounted.delete(unmount);
      view.unmount();
    };
    mounted.add(unmount);
    return {
      id: () => shownId(element()),
      args: () => shownArgs(element()),
      renders: () => ({ reader: reader.renders, bystander: bystander.renders }),
      refresh: (beforeCommit) => reader.refresh!(beforeCommit),
      call: (args) => reader.call!(args),
      unmount,
    };
  },
  flush: () => nextTick(),
});
