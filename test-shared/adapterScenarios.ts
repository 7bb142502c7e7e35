/**
 * Behaviour every framework adapter must show, written once and run against each adapter's own
 * harness (React, Vue, Svelte, Solid), so the adapters cannot drift apart. Each harness mounts:
 *
 *   <Provider session={session}>
 *     <Reader />     uses useSessionId(), useSessionArgs({ page: 1 }) and useSessionFn(fn), and
 *                    runs one effect (useEffect / watchEffect / $effect / createEffect) that
 *                    reads the ID
 *     <Bystander />  reads nothing from the session
 *   </Provider>
 *
 * with the framework's own testing library. A harness that can also hydrate that fixture from a
 * real server render (`hydrate`) runs the hydration scenarios; the rest of server rendering and
 * hydration is framework specific and tested beside each adapter.
 */
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSession, generateSessionId, type Session, type SessionId } from "@sessionid/core";
import { indexedDBBackend } from "@sessionid/core/indexeddb";

export interface Mounted {
  /** The ID the Reader shows now (`undefined` when it shows none). */
  id(): string | undefined;
  /** What useSessionArgs({ page: 1 }) gives the Reader now: "skip" or the object. */
  args(): "skip" | { page: number; sessionId: string };
  /** How often each component has rendered (fine-grained frameworks: how often the Reader's
   * ID output ran, e.g. an effect or render function that reads it; the Bystander's body). */
  renders(): { reader: number; bystander: number };
  /** The IDs the Reader's effect that reads the ID has run with, in order. */
  effects(): (string | undefined)[];
  /**
   * Makes the Reader compute its useSessionArgs again with equal values and no change of ID (a
   * state change in React; in the others a reactive value that its args getter reads).
   */
  rerender(): void;
  /** The `refresh` that useSessionId() gave the Reader. */
  refresh(beforeCommit?: (next: SessionId, previous: SessionId | undefined) => unknown): Promise<SessionId>;
  /** The function useSessionFn(fn) gave the Reader, called with `args`. */
  call(args: { item: string }): Promise<unknown>;
  unmount(): void;
}

export interface AdapterHarness {
  /** Mounts the fixture; `fn` is what the Reader passes to useSessionFn. */
  mount(session: Session, fn: (args: { item: string; sessionId: SessionId }) => unknown): Mounted;
  /** Lets the framework apply pending updates (e.g. `await tick()`, `await nextTick()`, `act`). */
  flush(): Promise<void>;
  /**
   * Optional: renders the fixture on the server (a server session with `initialId`, none when
   * `undefined`), puts that markup in the document and hydrates it with `session`, the client's
   * session. Resolves once hydration is done and the framework has applied what followed it.
   */
  hydrate?(session: Session, initialId: SessionId | undefined): Promise<Mounted>;
}

/**
 * The session ID stored under `key` in `area`, without the metadata core stores after it
 * (`<id>.<generation>`); `null` when nothing is stored.
 */
export const storedId = (area: Storage, key: string): string | null => area.getItem(key)?.split(".")[0] ?? null;

/** A session whose subscribe counts live listeners, to prove adapters clean up. */
export const countingSession = (session: Session) => {
  let live = 0;
  const counted: Session = {
    ...session,
    subscribe(listener) {
      live++;
      const unsubscribe = session.subscribe(listener);
      let done = false;
      return () => {
        if (!done) (done = true), live--, unsubscribe();
      };
    },
  };
  return { session: counted, live: () => live };
};

let dbCount = 0;

export function adapterScenarios(name: string, harness: AdapterHarness) {
  const sessions: Session[] = [];
  const make = (session: Session) => (sessions.push(session), session);
  afterEach(() => {
    sessions.splice(0).forEach((session) => session.dispose());
    sessionStorage.clear();
  });

  describe(`${name}: shared adapter scenarios`, () => {
    it("with a sync backend, the very first render already has the ID", () => {
      const session = make(createSession());
      const view = harness.mount(session, () => {});
      expect(view.id()).toBe(session.get());
      expect(view.args()).toEqual({ page: 1, sessionId: session.get() });
      expect(view.renders().reader).toBe(1);
      view.unmount();
    });

    it("a refresh re-renders the Reader exactly once and the Bystander not at all", async () => {
      const session = make(createSession());
      const view = harness.mount(session, () => {});
      const before = view.renders();
      const next = await view.refresh();
      await harness.flush();
      expect(view.id()).toBe(next);
      expect(view.args()).toEqual({ page: 1, sessionId: next });
      expect(view.renders()).toEqual({ reader: before.reader + 1, bystander: before.bystander });
      view.unmount();
    });

    it("a rotation from outside (another instance with the same key) reaches the Reader", async () => {
      const session = make(createSession());
      const view = harness.mount(session, () => {});
      const next = await make(createSession()).refresh();
      await harness.flush();
      expect(view.id()).toBe(next);
      view.unmount();
    });

    it('with an async backend the ID is unknown first ("skip"), then arrives; an early call waits for it', async () => {
      const session = make(createSession({ storage: indexedDBBackend({ dbName: `adapter-${name}-${dbCount++}` }) }));
      const fn = vi.fn((args: { item: string; sessionId: SessionId }) => args);
      const view = harness.mount(session, fn);
      expect(view.id()).toBeUndefined();
      expect(view.args()).toBe("skip");
      const early = view.call({ item: "socks" });
      expect(fn).not.toHaveBeenCalled();
      const id = await session.ready();
      await harness.flush();
      await vi.waitFor(() => expect(view.id()).toBe(id));
      expect(view.args()).toEqual({ page: 1, sessionId: id });
      await expect(early).resolves.toEqual({ item: "socks", sessionId: id });
      view.unmount();
    });

    it("useSessionFn always sends the ID current at call time", async () => {
      const session = make(createSession());
      const fn = vi.fn((args: { item: string; sessionId: SessionId }) => args.sessionId);
      const view = harness.mount(session, fn);
      await expect(view.call({ item: "a" })).resolves.toBe(session.get());
      const next = await session.refresh();
      await expect(view.call({ item: "b" })).resolves.toBe(next);
      view.unmount();
    });

    it("unmounting unsubscribes: the session's listener count returns to 0", async () => {
      const counting = countingSession(make(createSession()));
      const view = harness.mount(counting.session, () => {});
      await harness.flush();
      expect(counting.live()).toBeGreaterThan(0);
      view.unmount();
      await harness.flush();
      expect(counting.live()).toBe(0);
    });

    it("an effect reading the ID runs once per distinct ID: once at mount, once per rotation, never for a failed one", async () => {
      const session = make(createSession());
      const view = harness.mount(session, () => {});
      await harness.flush();
      const first = session.get();
      expect(view.effects()).toEqual([first]);
      const next = await view.refresh();
      await harness.flush();
      expect(view.effects()).toEqual([first, next]);
      await expect(view.refresh(() => Promise.reject(new Error("no")))).rejects.toThrow("no");
      await harness.flush();
      const outside = await make(createSession()).refresh();
      await harness.flush();
      expect(view.effects()).toEqual([first, next, outside]);
      view.unmount();
    });

    it("useSessionArgs keeps its identity while the ID and the args' values are unchanged, and changes it on a rotation", async () => {
      const session = make(createSession());
      const view = harness.mount(session, () => {});
      await harness.flush();
      const first = view.args();
      view.rerender();
      await harness.flush();
      expect(view.args()).toBe(first);
      const next = await view.refresh();
      await harness.flush();
      const rotated = view.args();
      expect(rotated).toEqual({ page: 1, sessionId: next });
      expect(rotated).not.toBe(first);
      view.rerender();
      await harness.flush();
      expect(view.args()).toBe(rotated);
      view.unmount();
    });

    it("a refresh whose callback throws leaves the rendered ID unchanged and the error reaches the caller", async () => {
      const session = make(createSession());
      const view = harness.mount(session, () => {});
      const before = view.id();
      const failure = new Error("transfer failed");
      await expect(view.refresh(() => Promise.reject(failure))).rejects.toBe(failure);
      await harness.flush();
      expect(view.id()).toBe(before);
      expect(session.get()).toBe(before);
      view.unmount();
    });
  });

  // Registered only for harnesses that can hydrate the shared fixture (React, Vue, Svelte); Solid
  // proves hydration in its own packages/solid/test/hydration.test.tsx.
  if (harness.hydrate) describe(`${name}: shared hydration scenarios`, () => {
    it("after hydrating a server render that knew the ID, an effect reading it runs once", async () => {
      // The server knew the ID because this browser holds it (initialId never seeds storage).
      const initialId = generateSessionId();
      sessionStorage.setItem("sessionid", initialId);
      const session = make(createSession({ initialId }));
      const view = await harness.hydrate!(session, initialId);
      await harness.flush();
      expect(view.id()).toBe(initialId);
      expect(view.effects()).toEqual([initialId]);
      view.unmount();
    });

    it("after hydrating a server render that knew no ID, an effect reading it runs once per distinct ID", async () => {
      const session = make(createSession());
      const view = await harness.hydrate!(session, undefined);
      await harness.flush();
      const id = session.get();
      expect(view.id()).toBe(id);
      const effects = view.effects();
      expect(effects.at(-1)).toBe(id);
      expect(effects.filter((seen) => seen === id)).toHaveLength(1);
      expect(effects.length).toBeLessThanOrEqual(2);
      const next = await view.refresh();
      await harness.flush();
      expect(view.effects()).toEqual([...effects, next]);
      view.unmount();
    });
  });
}
