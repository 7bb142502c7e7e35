import { cleanup, render } from "@testing-library/vue";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp, defineComponent, effectScope, h, nextTick, ref } from "vue";
import { countingSession, storedId } from "../../../test-shared/adapterScenarios.ts";
import {
  createSession,
  memoryBackend,
  provideSession,
  SessionError,
  sessionPlugin,
  useSession,
  useSessionArgs,
  useSessionFn,
  useSessionId,
  type Session,
  type StorageBackend,
} from "../src/index.ts";
import { makeReader, shownId } from "./fixtures.ts";

const sessions: Session[] = [];
const track = (session: Session) => (sessions.push(session), session);

afterEach(() => {
  cleanup();
  sessions.splice(0).forEach((session) => session.dispose());
  vi.restoreAllMocks();
  sessionStorage.clear();
});

/** A memory backend whose subscription's end is observable: it ends when its session is disposed. */
const observedBackend = () => {
  const unsubscribe = vi.fn();
  const backend: StorageBackend = { ...memoryBackend(), subscribe: () => unsubscribe };
  return { backend, unsubscribe };
};

/** A component that provides a session from `source` to a Reader below it. */
const providing = (source: Parameters<typeof provideSession>[0], testId: string) =>
  defineComponent({
    setup() {
      provideSession(source);
      return () => h(makeReader({ renders: 0 }, () => {}, testId));
    },
  });

describe("vue: providers", () => {
  it("an inner provideSession with another key wins for its subtree", () => {
    const Inner = providing({ key: "inner" }, "inner");
    const Outer = makeReader({ renders: 0 }, () => {}, "outer");
    const view = render(defineComponent({ setup: () => () => h("div", [h(Outer), h(Inner)]) }), {
      global: { plugins: [sessionPlugin({ key: "outer" })] },
    });
    const outer = shownId(view.getByTestId("outer"));
    const inner = shownId(view.getByTestId("inner"));
    expect(outer).toBe(storedId(sessionStorage, "outer"));
    expect(inner).toBe(storedId(sessionStorage, "inner"));
    expect(inner).not.toBe(outer);
  });

  it("the component that calls provideSession reads its own session, not the outer one", () => {
    const own = track(createSession({ key: "own" }));
    const seen: { session?: Session; id?: string; args?: unknown; fnId?: string } = {};
    const Own = defineComponent({
      setup() {
        provideSession(own);
        seen.session = useSession();
        seen.id = useSessionId().sessionId.value;
        seen.args = useSessionArgs({ page: 1 }).value;
        const send = useSessionFn((args: { sessionId: string }) => (seen.fnId = args.sessionId));
        void send();
        return () => h("p", "own");
      },
    });
    render(Own, { global: { plugins: [sessionPlugin({ key: "outer" })] } });
    expect(seen.session).toBe(own);
    expect(seen.id).toBe(own.get());
    expect(seen.args).toEqual({ page: 1, sessionId: own.get() });
    return vi.waitFor(() => expect(seen.fnId).toBe(own.get()));
  });

  it("with options, the component that calls provideSession reads the session it made", () => {
    const seen: { made?: Session; session?: Session; id?: string } = {};
    const Own = defineComponent({
      setup() {
        seen.made = track(provideSession({ key: "made" }));
        seen.session = useSession();
        seen.id = useSessionId().sessionId.value;
        return () => h("p", "own");
      },
    });
    render(Own, { global: { plugins: [sessionPlugin({ key: "outer" })] } });
    expect(seen.session).toBe(seen.made);
    expect(seen.id).toBe(storedId(sessionStorage, "made"));
  });

  it("a provideSession without a plugin above serves its own component too (no no-provider error)", () => {
    const own = track(createSession({ key: "alone" }));
    let id: string | undefined;
    const Own = defineComponent({
      setup() {
        provideSession(own);
        id = useSessionId().sessionId.value;
        return () => h("p", "own");
      },
    });
    render(Own);
    expect(id).toBe(own.get());
  });

  it("useSession returns the session given to the nearest provider", () => {
    const outer = track(createSession({ key: "a" }));
    const inner = track(createSession({ key: "b" }));
    const seen: Session[] = [];
    const Probe = defineComponent({ setup: () => (seen.push(useSession()), () => null) });
    const Inner = defineComponent({ setup: () => (provideSession(inner), () => h(Probe)) });
    render(defineComponent({ setup: () => () => h("div", [h(Probe), h(Inner)]) }), { global: { plugins: [sessionPlugin(outer)] } });
    expect(seen).toEqual([outer, inner]);
  });

  it.each([
    ["useSession", () => useSession()],
    ["useSessionId", () => useSessionId()],
    ["useSessionArgs", () => useSessionArgs({ page: 1 })],
    ["useSessionFn", () => useSessionFn(() => {})],
  ])("%s outside any provider throws a no-provider SessionError naming it, sessionPlugin and provideSession", (name, use) => {
    const Orphan = defineComponent({ setup: () => (use(), () => null) });
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const thrown = (() => {
      try {
        render(Orphan);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(SessionError);
    expect(thrown).toMatchObject({
      code: "no-provider",
      message: `${name}() found no session: add app.use(sessionPlugin()) or provideSession() above this component.`,
    });
  });

  it("sessionPlugin with options disposes its session when the app unmounts", () => {
    const { backend, unsubscribe } = observedBackend();
    const view = render(makeReader({ renders: 0 }), { global: { plugins: [sessionPlugin({ storage: backend })] } });
    expect(unsubscribe).not.toHaveBeenCalled();
    view.unmount();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });

  it("sessionPlugin creates one session per app", () => {
    const plugin = sessionPlugin({ storage: memoryBackend() });
    const seen: Session[] = [];
    const Probe = defineComponent({ setup: () => (seen.push(useSession()), () => null) });
    const apps = [createApp(Probe).use(plugin), createApp(Probe).use(plugin)];
    apps.forEach((app) => app.mount(document.createElement("div")));
    apps.forEach((app) => app.unmount());
    expect(seen[0]).not.toBe(seen[1]);
  });

  it("provideSession with options disposes its session when its component unmounts", async () => {
    const { backend, unsubscribe } = observedBackend();
    const shown = ref(true);
    const Provider = providing({ storage: backend }, "inner");
    render(defineComponent({ setup: () => () => (shown.value ? h(Provider) : null) }));
    await nextTick();
    expect(unsubscribe).not.toHaveBeenCalled();
    shown.value = false;
    await nextTick();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });

  it("a session passed in is never disposed by the plugin or a provider", async () => {
    const session = track(createSession());
    const dispose = vi.spyOn(session, "dispose");
    const shown = ref(true);
    const Provider = providing(session, "inner");
    const view = render(defineComponent({ setup: () => () => (shown.value ? h(Provider) : null) }), {
      global: { plugins: [sessionPlugin(session)] },
    });
    shown.value = false;
    await nextTick();
    view.unmount();
    expect(dispose).not.toHaveBeenCalled();
  });
});

describe("vue: cleanup", () => {
  it("unmounting one component unsubscribes it while the app stays mounted", async () => {
    const counting = countingSession(track(createSession()));
    const shown = ref(true);
    const Reader = makeReader({ renders: 0 });
    render(defineComponent({ setup: () => () => (shown.value ? h(Reader) : null) }), {
      global: { plugins: [sessionPlugin(counting.session)] },
    });
    expect(counting.live()).toBeGreaterThan(0);
    shown.value = false;
    await nextTick();
    expect(counting.live()).toBe(0);
  });

  it("stopping an effect scope that used the composables unsubscribes", () => {
    const counting = countingSession(track(createSession()));
    const app = createApp({ render: () => null }).use(sessionPlugin(counting.session));
    const scope = effectScope();
    const { sessionId } = app.runWithContext(() => scope.run(() => useSessionId())!);
    app.runWithContext(() => scope.run(() => useSessionArgs({ page: 1 })));
    expect(sessionId.value).toBe(counting.session.get());
    expect(counting.live()).toBe(2);
    scope.stop();
    expect(counting.live()).toBe(0);
  });
});
