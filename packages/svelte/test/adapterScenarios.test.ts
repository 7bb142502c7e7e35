import { render } from "@testing-library/svelte";
import { tick } from "svelte";
import { adapterScenarios, type AdapterHarness } from "../../../test-shared/adapterScenarios.ts";
import Scenario from "./fixtures/Scenario.svelte";

type ReaderApi = Parameters<import("svelte").ComponentProps<typeof Scenario>["expose"]>[0];

const harness: AdapterHarness = {
  mount(session, fn) {
    const renders = { reader: 0, bystander: 0 };
    let api: ReaderApi | undefined;
    const view = render(Scenario, {
      props: {
        session,
        fn,
        expose: (exposed) => (api = exposed),
        onReaderRender: () => renders.reader++,
        onBystanderRender: () => renders.bystander++,
      },
    });
    const shown = () => JSON.parse(view.getByTestId("reader").textContent!);
    return {
      id: () => shown().id,
      args: () => shown().args,
      renders: () => ({ ...renders }),
      refresh: (beforeCommit) => api!.refresh(beforeCommit),
      call: (args) => api!.call(args),
      unmount: view.unmount,
    };
  },
  flush: tick,
};

adapterScenarios("svelte", harness);
