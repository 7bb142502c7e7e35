// @vitest-environment node
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSSRApp, defineComponent, h } from "vue";
import { renderToString } from "vue/server-renderer";
import { countingSession } from "../../../test-shared/adapterScenarios.ts";
import { createSession, provideSession, sessionPlugin, type StorageBackend } from "../src/index.ts";
import { makeReader } from "./fixtures.ts";

const ID = "V1StGXR8_Z5jdHi6B-myT";
const Page = makeReader({ renders: 0 });

/** A web Storage whose every method is a spy, standing in for the browser's storage. */
const spyStorage = () => ({ getItem: vi.fn(), setItem: vi.fn(), removeItem: vi.fn(), clear: vi.fn(), key: vi.fn(), length: 0 });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("vue: server render (node, no window)", () => {
  it("renders with the default options without throwing or touching browser storage", async () => {
    const session = spyStorage();
    const local = spyStorage();
    vi.stubGlobal("sessionStorage", session);
    vi.stubGlobal("localStorage", local);
    const html = await renderToString(createSSRApp(Page).use(sessionPlugin()));
    expect(html).toContain('data-args="&quot;skip&quot;"');
    for (const storage of [session, local]) for (const method of [storage.getItem, storage.setItem, storage.removeItem]) expect(method).not.toHaveBeenCalled();
  });

  it("never reads or writes a custom backend while rendering", async () => {
    const backend = { get: vi.fn(), set: vi.fn(), remove: vi.fn(), subscribe: vi.fn(() => () => {}) } satisfies StorageBackend;
    await renderToString(createSSRApp(Page).use(sessionPlugin({ storage: backend })));
    expect(backend.get).not.toHaveBeenCalled();
    expect(backend.set).not.toHaveBeenCalled();
    expect(backend.subscribe).not.toHaveBeenCalled();
  });

  it("never subscribes to the session on the server", async () => {
    const counting = countingSession(createSession({ initialId: ID }));
    const subscribe = vi.spyOn(counting.session, "subscribe");
    await renderToString(createSSRApp(Page).use(sessionPlugin(counting.session)));
    expect(subscribe).not.toHaveBeenCalled();
    expect(counting.live()).toBe(0);
  });

  it("shows the initialId in the HTML and in useSessionArgs", async () => {
    const html = await renderToString(createSSRApp(Page).use(sessionPlugin({ initialId: ID })));
    expect(html).toContain(`>${ID}</p>`);
    expect(html).toContain(`&quot;sessionId&quot;:&quot;${ID}&quot;`);
  });

  it("provideSession with options works in a server render", async () => {
    const Shell = defineComponent({
      setup() {
        provideSession({ initialId: ID });
        return () => h(Page);
      },
    });
    expect(await renderToString(createSSRApp(Shell))).toContain(`>${ID}</p>`);
  });
});
