import { act, render } from "@testing-library/react";
import { useEffect, useState } from "react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { createSession, SessionProvider, useSessionArgs, useSessionFn, useSessionId, type Session, type SessionId } from "../src/index.ts";
import { adapterScenarios, type AdapterHarness, type Mounted } from "../../../test-shared/adapterScenarios.ts";

type Fn = (args: { item: string; sessionId: SessionId }) => unknown;

/** The shared fixture: what the Reader saw, and the tree that renders it. */
function fixture(fn: Fn) {
  const seen = {
    reader: 0,
    bystander: 0,
    effects: [] as (string | undefined)[],
    args: undefined as unknown as ReturnType<typeof useSessionArgs<{ page: number }>>,
    refresh: undefined as unknown as ReturnType<typeof useSessionId>[1],
    call: undefined as unknown as (args: { item: string }) => Promise<unknown>,
    rerender: undefined as unknown as () => void,
  };
  function Reader() {
    seen.reader++;
    const [sessionId, refresh] = useSessionId();
    const [, setTick] = useState(0);
    seen.args = useSessionArgs({ page: 1 });
    seen.call = useSessionFn(fn);
    seen.refresh = refresh;
    seen.rerender = () => setTick((tick) => tick + 1);
    useEffect(() => void seen.effects.push(sessionId), [sessionId]);
    return <output data-testid="id">{sessionId ?? ""}</output>;
  }
  function Bystander() {
    seen.bystander++;
    return <p>no session here</p>;
  }
  const Tree = ({ session }: { session: Session }) => (
    <SessionProvider session={session}>
      <Reader />
      <Bystander />
    </SessionProvider>
  );
  const mounted = (container: HTMLElement, unmount: () => void): Mounted => ({
    id: () => container.querySelector('[data-testid="id"]')!.textContent || undefined,
    args: () => seen.args,
    effects: () => [...seen.effects],
    rerender: () => act(() => seen.rerender()),
    renders: () => ({ reader: seen.reader, bystander: seen.bystander }),
    refresh: (beforeCommit) => act(() => seen.refresh(beforeCommit)),
    call: (args) => seen.call(args),
    unmount,
  });
  return { seen, Tree, mounted };
}

const harness: AdapterHarness = {
  mount(session, fn) {
    const { Tree, mounted } = fixture(fn);
    const view = render(<Tree session={session} />);
    return mounted(view.container, view.unmount);
  },
  flush: () => act(async () => {}),
  async hydrate(session, initialId) {
    const { seen, Tree, mounted } = fixture(() => {});
    const server = createSession({ initialId, server: true });
    const html = renderToString(<Tree session={server} />);
    server.dispose();
    Object.assign(seen, { reader: 0, bystander: 0 });
    const container = document.body.appendChild(document.createElement("div"));
    container.innerHTML = html;
    let root!: ReturnType<typeof hydrateRoot>;
    await act(async () => {
      root = hydrateRoot(container, <Tree session={session} />);
    });
    return mounted(container, () => {
      act(() => root.unmount());
      container.remove();
    });
  },
};

adapterScenarios("react", harness);
