import { afterEach, describe, expect, it, vi } from "vitest";
import { computed, createApp, effectScope, ref, type EffectScope } from "vue";
import { createSession, sessionPlugin, useSessionArgs, useSessionFn, useSessionId, type Session, type SessionId } from "../src/index.ts";

let session: Session;
let scope: EffectScope;

/** Runs composables as a component's setup would, with the session provided by the plugin. */
const use = <T>(composable: () => T): T => {
  session = createSession();
  scope = effectScope();
  const app = createApp({ render: () => null }).use(sessionPlugin(session));
  return app.runWithContext(() => scope.run(composable)!);
};

afterEach(() => {
  vi.restoreAllMocks();
  scope.stop();
  session.dispose();
  sessionStorage.clear();
});

describe("vue: useSessionArgs", () => {
  it("takes a plain object", () => {
    const args = use(() => useSessionArgs({ page: 1 }));
    expect(args.value).toEqual({ page: 1, sessionId: session.get() });
  });

  it("follows a ref", () => {
    const page = ref({ page: 1 });
    const args = use(() => useSessionArgs(page));
    page.value = { page: 2 };
    expect(args.value).toEqual({ page: 2, sessionId: session.get() });
  });

  it("follows a getter", () => {
    const page = ref(1);
    const args = use(() => useSessionArgs(() => ({ page: page.value })));
    page.value = 3;
    expect(args.value).toEqual({ page: 3, sessionId: session.get() });
  });

  it('passes "skip" through and resumes when the args come back', () => {
    const enabled = ref(false);
    const args = use(() => useSessionArgs(computed(() => (enabled.value ? { page: 1 } : "skip"))));
    expect(args.value).toBe("skip");
    enabled.value = true;
    expect(args.value).toEqual({ page: 1, sessionId: session.get() });
  });

  it("follows a refresh", async () => {
    const args = use(() => useSessionArgs({ page: 1 }));
    const next = await session.refresh();
    expect(args.value).toEqual({ page: 1, sessionId: next });
  });
});

describe("vue: useSessionId and useSessionFn", () => {
  it("the ref useSessionId returns cannot be written", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { sessionId } = use(() => useSessionId());
    const before = sessionId.value;
    (sessionId as { value: unknown }).value = "V1StGXR8_Z5jdHi6B-myT";
    expect(sessionId.value).toBe(before);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/readonly/), expect.anything());
  });

  it("useSessionId outside any effect scope gets Vue's warning that nothing can end its subscription", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    session = createSession();
    scope = effectScope();
    const app = createApp({ render: () => null }).use(sessionPlugin(session));
    const { sessionId } = app.runWithContext(() => useSessionId());
    expect(sessionId.value).toBe(session.get());
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/onScopeDispose\(\) is called when there is no active effect scope/));
  });

  it("a refresh through useSessionId rotates the session's ID", async () => {
    const { sessionId, refresh } = use(() => useSessionId());
    const next = await refresh();
    expect(session.get()).toBe(next);
    expect(sessionId.value).toBe(next);
  });

  it("useSessionFn passes the other arguments along with the ID", async () => {
    const send = use(() => useSessionFn((args: { item: string; count: number; sessionId: SessionId }) => args));
    await expect(send({ item: "socks", count: 2 })).resolves.toEqual({ item: "socks", count: 2, sessionId: session.get() });
  });
});
