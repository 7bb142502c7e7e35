import { defineComponent, h, shallowRef, watchEffect } from "vue";
import type { SessionId } from "../src/index.ts";
import { useSessionArgs, useSessionFn, useSessionId } from "../src/index.ts";

/** What the Reader exposes to a test besides its markup. */
export interface ReaderProbe {
  renders: number;
  /** The IDs a watchEffect reading the ID ran with. */
  effects?: (string | undefined)[];
  /** The computed ref useSessionArgs gave the Reader. */
  args?: { readonly value: unknown };
  /** Makes the args getter run again with equal values. */
  rerender?: () => void;
  refresh?: ReturnType<typeof useSessionId>["refresh"];
  call?: (args: { item: string }) => Promise<unknown>;
}

/**
 * Shows the ID and `useSessionArgs(() => ({ page: 1 }))`, counting calls of its render function,
 * and records each run of a watchEffect that reads the ID. `fn` is what it passes to useSessionFn.
 */
export const makeReader = (probe: ReaderProbe, fn: (args: { item: string; sessionId: SessionId }) => unknown = () => {}, testId = "reader") =>
  defineComponent({
    name: "Reader",
    setup() {
      const { sessionId, refresh } = useSessionId();
      const tick = shallowRef(0);
      const args = useSessionArgs(() => {
        void tick.value; // probe.rerender makes this getter run again, with the same values
        return { page: 1 };
      });
      probe.refresh = refresh;
      probe.call = useSessionFn(fn);
      probe.rerender = () => tick.value++;
      probe.args = args;
      const effects = (probe.effects ??= []);
      watchEffect(() => void effects.push(sessionId.value));
      return () => {
        probe.renders++;
        return h("p", { "data-testid": testId, "data-args": JSON.stringify(args.value) }, sessionId.value ?? "");
      };
    },
  });

/** Reads nothing from the session; counts its renders. */
export const makeBystander = (probe: { renders: number }) =>
  defineComponent({
    name: "Bystander",
    setup: () => () => (probe.renders++, h("span", "bystander")),
  });

/** The text a Reader shows, `undefined` when it shows none. */
export const shownId = (element: Element | null) => element?.textContent || undefined;

/** What a Reader says useSessionArgs gives it. */
export const shownArgs = (element: Element | null) => JSON.parse(element?.getAttribute("data-args") ?? "null");
