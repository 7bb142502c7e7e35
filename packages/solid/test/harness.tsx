import { createEffect, createRenderEffect, createSignal, type Component } from "solid-js";
import { render } from "@solidjs/testing-library";
import type { AdapterHarness, Mounted } from "../../../test-shared/adapterScenarios.ts";
import { SessionProvider, useSessionArgs, useSessionFn, useSessionId } from "../src/index.ts";

/**
 * The shared fixture in Solid. Components run once, so "renders" are counted where Solid re-runs
 * code: the Reader's effect that reads the ID, and the Bystander's body.
 */
export const solidHarness: AdapterHarness = {
  mount(session, fn) {
    const counts = { reader: 0, bystander: 0 };
    const effects: (string | undefined)[] = [];
    const [tick, setTick] = createSignal(0);
    let reader!: Pick<Mounted, "args" | "refresh" | "call">;

    const Reader: Component = () => {
      const [sessionId, refresh] = useSessionId();
      const args = useSessionArgs(() => {
        tick(); // rerender() makes this accessor run again, with the same values
        return { page: 1 };
      });
      const call = useSessionFn(fn);
      createRenderEffect(() => {
        sessionId();
        counts.reader++;
      });
      createEffect(() => void effects.push(sessionId()));
      reader = { args, refresh, call };
      return <output data-testid="reader">{sessionId()}</output>;
    };
    const Bystander: Component = () => {
      counts.bystander++;
      return <span>static</span>;
    };

    const view = render(() => (
      <SessionProvider session={session}>
        <Reader />
        <Bystander />
      </SessionProvider>
    ));
    return {
      id: () => view.getByTestId("reader").textContent || undefined,
      args: () => reader.args(),
      effects: () => [...effects],
      rerender: () => setTick((value) => value + 1),
      renders: () => ({ ...counts }),
      refresh: (beforeCommit) => reader.refresh(beforeCommit),
      call: (args) => reader.call(args),
      unmount: view.unmount,
    };
  },
  // Solid applies updates synchronously; one macrotask lets pending promise chains settle.
  flush: () => new Promise((resolve) => setTimeout(resolve)),
};
