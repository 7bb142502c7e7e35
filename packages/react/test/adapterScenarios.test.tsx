import { act, render } from "@testing-library/react";
import { SessionProvider, useSessionArgs, useSessionFn, useSessionId } from "../src/index.ts";
import { adapterScenarios, type AdapterHarness } from "../../../test-shared/adapterScenarios.ts";

const harness: AdapterHarness = {
  mount(session, fn) {
    const seen = {
      reader: 0,
      bystander: 0,
      args: undefined as unknown as ReturnType<typeof useSessionArgs<{ page: number }>>,
      refresh: undefined as unknown as ReturnType<typeof useSessionId>[1],
      call: undefined as unknown as (args: { item: string }) => Promise<unknown>,
    };
    function Reader() {
      seen.reader++;
      const [sessionId, refresh] = useSessionId();
      seen.args = useSessionArgs({ page: 1 });
      seen.call = useSessionFn(fn);
      seen.refresh = refresh;
      return <output data-testid="id">{sessionId ?? ""}</output>;
    }
    function Bystander() {
      seen.bystander++;
      return <p>no session here</p>;
    }
    const view = render(
      <SessionProvider session={session}>
        <Reader />
        <Bystander />
      </SessionProvider>,
    );
    return {
      id: () => view.getByTestId("id").textContent || undefined,
      args: () => seen.args,
      renders: () => ({ reader: seen.reader, bystander: seen.bystander }),
      refresh: (beforeCommit) => act(() => seen.refresh(beforeCommit)),
      call: (args) => seen.call(args),
      unmount: () => view.unmount(),
    };
  },
  flush: () => act(async () => {}),
};

adapterScenarios("react", harness);
