import { StrictMode } from "react";
import { act, cleanup, render, renderHook, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSession, generateSessionId, localStorageBackend, memoryBackend, sessionStorageBackend, SessionError, SessionProvider, useSession, useSessionArgs, useSessionFn, useSessionId, type StorageBackend } from "../src/index.ts";
import { countingSession, storedId } from "../../../test-shared/adapterScenarios.ts";
import { ShowId } from "./fixture.tsx";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  sessionStorage.clear();
  localStorage.clear();
});

// Lets a provider's deferred dispose run.
const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe("SessionProvider with options", () => {
  it("makes one session from the options, stored under the given key", () => {
    render(
      <SessionProvider options={{ storage: localStorageBackend(), key: "shop" }}>
        <ShowId />
      </SessionProvider>,
    );
    expect(screen.getByTestId("id").textContent).toBe(storedId(localStorage, "shop"));
    expect(sessionStorage.length).toBe(0);
  });

  it("shows and stores one ID under StrictMode's double render and double mount, and listens once", () => {
    const generateId = vi.fn(generateSessionId);
    const backend = sessionStorageBackend();
    // Every subscription the sessions made, and whether it was undone.
    const subscriptions: { open: boolean }[] = [];
    const counted: StorageBackend = {
      ...backend,
      subscribe(key, onChange) {
        const subscription = { open: true };
        subscriptions.push(subscription);
        const unsubscribe = backend.subscribe!(key, onChange);
        return () => {
          subscription.open = false;
          unsubscribe();
        };
      },
    };
    render(
      <StrictMode>
        <SessionProvider options={{ storage: counted, generateId }}>
          <ShowId />
        </SessionProvider>
      </StrictMode>,
    );
    // React 18 renders twice with fresh hooks, so it may make a second session, which reads the
    // ID the first stored: one ID either way, on screen and in storage.
    const stored = storedId(sessionStorage, "sessionid");
    expect(screen.getByTestId("id").textContent).toBe(stored);
    expect(new Set(generateId.mock.results.map((result) => result.value))).toContain(stored);
    expect(sessionStorage.length).toBe(2); // the ID and the open-tab flag
    expect(subscriptions.filter((subscription) => subscription.open)).toHaveLength(1);
  });

  it("keeps its session alive through StrictMode's effect remount: a rotation elsewhere still reaches the page", async () => {
    render(
      <StrictMode>
        <SessionProvider options={{ storage: localStorageBackend(), key: "shop" }}>
          <ShowId />
        </SessionProvider>
      </StrictMode>,
    );
    await settle();
    // Another session on the same key rotates; the provider's session hears it only through its
    // backend subscription, which a dispose during the remount would have removed.
    const other = createSession({ storage: localStorageBackend(), key: "shop" });
    const next = await act(() => other.refresh());
    expect(screen.getByTestId("id").textContent).toBe(next);
    other.dispose();
  });

  it("disposes its own session when it really unmounts", async () => {
    let session!: ReturnType<typeof useSession>;
    function Grab() {
      session = useSession();
      return null;
    }
    const { unmount } = render(
      <StrictMode>
        <SessionProvider options={{ storage: memoryBackend() }}>
          <Grab />
        </SessionProvider>
      </StrictMode>,
    );
    const listener = vi.fn();
    session.subscribe(listener);
    await settle();
    await session.refresh();
    expect(listener).toHaveBeenCalledTimes(1);
    unmount();
    await settle();
    // A disposed session refuses to rotate (core's "disposed" error) and tells no one.
    await expect(session.refresh()).rejects.toMatchObject({ code: "disposed" });
    expect(listener).toHaveBeenCalledTimes(1);
  });
  it("makes a new session when the same provider element is mounted again after unmounting", async () => {
    let current!: ReturnType<typeof useSession>;
    function Grab() {
      current = useSession();
      return null;
    }
    // One element, so one props object for both mounts.
    const element = (
      <SessionProvider options={{ storage: memoryBackend() }}>
        <Grab />
      </SessionProvider>
    );
    // In the same tick: nothing but the first mount's commit tells the second mount apart from
    // StrictMode's second render.
    render(element).unmount();
    const first = current;
    render(element);
    expect(current).not.toBe(first);
    await settle();
    const listener = vi.fn();
    current.subscribe(listener);
    const next = await act(() => current.refresh());
    expect(listener).toHaveBeenCalledWith(next);
  });

  it("disposes the session it made once it is handed an app's session instead", async () => {
    let current!: ReturnType<typeof useSession>;
    function Grab() {
      current = useSession();
      return null;
    }
    const { rerender } = render(
      <SessionProvider options={{ storage: memoryBackend() }}>
        <Grab />
      </SessionProvider>,
    );
    const made = current;
    const listener = vi.fn();
    made.subscribe(listener);
    const app = createSession();
    rerender(
      <SessionProvider session={app}>
        <Grab />
      </SessionProvider>,
    );
    await settle();
    expect(current).toBe(app);
    await expect(made.refresh()).rejects.toMatchObject({ code: "disposed" });
    expect(listener).not.toHaveBeenCalled();
    app.dispose();
  });
});

describe("SessionProvider with a session", () => {
  it("leaves no extra listener after StrictMode's double mount, and none after unmount", async () => {
    const counting = countingSession(createSession());
    function Reader() {
      useSessionId();
      useSessionArgs({ page: 1 });
      return null;
    }
    const { unmount } = render(
      <StrictMode>
        <SessionProvider session={counting.session}>
          <Reader />
        </SessionProvider>
      </StrictMode>,
    );
    // One useSessionId and one useSessionArgs: two subscriptions, not four.
    expect(counting.live()).toBe(2);
    unmount();
    expect(counting.live()).toBe(0);
    counting.session.dispose();
  });

  it("never disposes a session the app passed in", async () => {
    const session = createSession();
    const { unmount } = render(
      <SessionProvider session={session}>
        <ShowId />
      </SessionProvider>,
    );
    unmount();
    await settle();
    const listener = vi.fn();
    session.subscribe(listener);
    const next = await session.refresh();
    expect(listener).toHaveBeenCalledWith(next);
    session.dispose();
  });

  it("lets an inner provider with another key win for its subtree", () => {
    const outer = createSession({ key: "outer" });
    const inner = createSession({ key: "inner" });
    render(
      <SessionProvider session={outer}>
        <ShowId label="outer" />
        <SessionProvider session={inner}>
          <ShowId label="inner" />
        </SessionProvider>
      </SessionProvider>,
    );
    expect(screen.getByTestId("outer").textContent).toBe(storedId(sessionStorage, "outer"));
    expect(screen.getByTestId("inner").textContent).toBe(storedId(sessionStorage, "inner"));
    expect(outer.get()).not.toBe(inner.get());
    outer.dispose();
    inner.dispose();
  });

  it("lets nested providers made from options with different keys keep separate IDs", () => {
    render(
      <SessionProvider options={{ key: "outer" }}>
        <ShowId label="outer" />
        <SessionProvider options={{ key: "inner" }}>
          <ShowId label="inner" />
        </SessionProvider>
      </SessionProvider>,
    );
    expect(screen.getByTestId("outer").textContent).toBe(storedId(sessionStorage, "outer"));
    expect(screen.getByTestId("inner").textContent).toBe(storedId(sessionStorage, "inner"));
    expect(storedId(sessionStorage, "outer")).not.toBe(storedId(sessionStorage, "inner"));
  });
});

describe("hooks outside a provider", () => {
  const hooks: Record<string, () => unknown> = {
    useSession: () => useSession(),
    useSessionId: () => useSessionId(),
    useSessionArgs: () => useSessionArgs({ page: 1 }),
    useSessionFn: () => useSessionFn((args: { sessionId: string }) => args),
  };
  for (const [name, hook] of Object.entries(hooks))
    it(`${name} throws the core's no-provider SessionError, naming ${name} and <SessionProvider>`, () => {
      // React reports the thrown render error on console.error as well; keep the output clean.
      vi.spyOn(console, "error").mockImplementation(() => {});
      expect(() => renderHook(hook)).toThrow(
        expect.objectContaining({
          constructor: SessionError,
          code: "no-provider",
          message: `${name}() found no session: add <SessionProvider> above this component.`,
        }),
      );
    });
});
