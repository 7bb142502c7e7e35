import { afterEach, describe, expect, it, vi } from "vitest";
import { render } from "@solidjs/testing-library";
import { createSession, localStorageBackend, SessionProvider, useSession, useSessionId, type Session } from "../src/index.ts";
import { storedId } from "../../../test-shared/adapterScenarios.ts";

afterEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});

function ShowId(props: { testId: string }) {
  const [sessionId] = useSessionId();
  return <output data-testid={props.testId}>{sessionId()}</output>;
}

describe("SessionProvider", () => {
  it("made from options, it creates a session with those options", () => {
    const view = render(() => (
      <SessionProvider storage={localStorageBackend()} key="shop">
        <ShowId testId="id" />
      </SessionProvider>
    ));
    expect(view.getByTestId("id").textContent).toBe(storedId(localStorage, "shop"));
    expect(storedId(localStorage, "shop")).toMatch(/^[\w-]{21}$/);
  });

  it("made from options, it disposes its session on unmount, so the session stops following rotations", async () => {
    let own!: Session;
    const Grab = () => ((own = useSession()), null);
    const view = render(() => (
      <SessionProvider storage={localStorageBackend()} key="shop">
        <Grab />
      </SessionProvider>
    ));
    const before = own.get();
    view.unmount();
    const other = createSession({ storage: localStorageBackend(), key: "shop" });
    const rotated = await other.refresh();
    other.dispose();
    expect(rotated).not.toBe(before);
    expect(own.get()).toBe(before);
  });

  it("never disposes a session that was passed in", async () => {
    const session = createSession();
    const listener = vi.fn();
    session.subscribe(listener);
    const view = render(() => (
      <SessionProvider session={session}>
        <ShowId testId="id" />
      </SessionProvider>
    ));
    view.unmount();
    const next = await session.refresh();
    expect(listener).toHaveBeenCalledWith(next);
    session.dispose();
  });

  it("nested providers with different keys: the inner one wins for its subtree", () => {
    const view = render(() => (
      <SessionProvider storage={localStorageBackend()} key="outer">
        <ShowId testId="outer" />
        <SessionProvider storage={localStorageBackend()} key="inner">
          <ShowId testId="inner" />
        </SessionProvider>
      </SessionProvider>
    ));
    expect(view.getByTestId("outer").textContent).toBe(storedId(localStorage, "outer"));
    expect(view.getByTestId("inner").textContent).toBe(storedId(localStorage, "inner"));
    expect(storedId(localStorage, "inner")).not.toBe(storedId(localStorage, "outer"));
  });
});
