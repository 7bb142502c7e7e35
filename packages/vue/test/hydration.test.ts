import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { createSSRApp, defineComponent, h, nextTick, type App } from "vue";
import { renderToString } from "vue/server-renderer";
import { cookieBackend, readSessionCookie } from "@sessionid/core/cookie";
import { createSession, sessionPlugin, type Session, type SessionOptions } from "../src/index.ts";
import { makeReader, shownArgs, shownId } from "./fixtures.ts";

const ID = "V1StGXR8_Z5jdHi6B-myT";

const Page = makeReader({ renders: 0 });
const sessions: Session[] = [];
const apps: App[] = [];
let warnings: MockInstance[] = [];

beforeEach(() => {
  warnings = [vi.spyOn(console, "warn"), vi.spyOn(console, "error")];
});

afterEach(() => {
  apps.splice(0).forEach((app) => app.unmount());
  sessions.splice(0).forEach((session) => session.dispose());
  vi.restoreAllMocks();
  sessionStorage.clear();
  document.cookie = "sessionid=; Max-Age=0; Path=/";
});

const track = (options: SessionOptions) => {
  const session = createSession(options);
  sessions.push(session);
  return session;
};

/** What a server render of the page gives, with a session made as the server would (no storage writes). */
const serverHtml = (options: SessionOptions) => renderToString(createSSRApp(Page).use(sessionPlugin(track({ ...options, server: true }))));

/** Hydrates `html` in a fresh container with the client's session. */
const hydrate = (html: string, session: Session) => {
  const container = document.createElement("div");
  container.innerHTML = html;
  document.body.append(container);
  const app = createSSRApp(Page).use(sessionPlugin(session));
  apps.push(app);
  app.mount(container);
  return container.querySelector('[data-testid="reader"]');
};

const mismatchWarnings = () =>
  warnings.flatMap((spy) => spy.mock.calls.map((call) => call.map(String).join(" "))).filter((text) => /hydration|mismatch/i.test(text));

describe("vue: hydrating a server render", () => {
  it("a server render without initialId shows no ID and skips the query", async () => {
    const html = await serverHtml({});
    const element = new DOMParser().parseFromString(html, "text/html").querySelector('[data-testid="reader"]');
    expect(shownId(element)).toBeUndefined();
    expect(shownArgs(element)).toBe("skip");
  });

  it("hydrating a server render gives no mismatch warning", async () => {
    const html = await serverHtml({});
    hydrate(html, track({}));
    await nextTick();
    expect(mismatchWarnings()).toEqual([]);
  });

  it("the ID appears right after hydration", async () => {
    const html = await serverHtml({});
    const session = track({});
    const element = hydrate(html, session);
    expect(shownId(element)).toBeUndefined();
    await nextTick();
    expect(shownId(element)).toBe(session.get());
    expect(shownArgs(element)).toEqual({ page: 1, sessionId: session.get() });
  });

  it("with initialId the ID is in the server HTML and in the first client render, without a warning", async () => {
    const html = await serverHtml({ initialId: ID });
    expect(html).toContain(ID);
    sessionStorage.setItem("sessionid", ID); // the browser holds what the server rendered
    const element = hydrate(html, track({ initialId: ID }));
    expect(shownId(element)).toBe(ID);
    await nextTick();
    expect(shownId(element)).toBe(ID);
    expect(mismatchWarnings()).toEqual([]);
  });

  it("with the cookie backend the server shows the browser's ID and hydration keeps it, without a warning", async () => {
    document.cookie = `sessionid=${ID}.1; Path=/`;
    const html = await serverHtml({ storage: cookieBackend(), initialId: readSessionCookie(`theme=dark; sessionid=${ID}.1`) });
    expect(html).toContain(ID);
    const element = hydrate(html, track({ storage: cookieBackend(), initialId: ID }));
    expect(shownId(element)).toBe(ID);
    await nextTick();
    expect(shownId(element)).toBe(ID);
    expect(mismatchWarnings()).toEqual([]);
  });

  it("a component mounted after hydration renders the ID at once", async () => {
    const session = track({});
    const Later = makeReader({ renders: 0 }, () => {}, "later");
    const Shell = defineComponent({
      data: () => ({ open: false }),
      render() {
        return h("div", [h(Page), this.open ? h(Later) : null]);
      },
    });
    const html = await renderToString(createSSRApp(Shell).use(sessionPlugin(track({ server: true }))));
    const container = document.createElement("div");
    container.innerHTML = html;
    const app = createSSRApp(Shell).use(sessionPlugin(session));
    apps.push(app);
    const shell = app.mount(container) as unknown as { open: boolean };
    shell.open = true;
    await nextTick();
    expect(shownId(container.querySelector('[data-testid="later"]'))).toBe(session.get());
  });
});
