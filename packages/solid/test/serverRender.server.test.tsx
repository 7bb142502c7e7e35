import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isServer, renderToString } from "solid-js/web";
import { cookieBackend, readSessionCookie } from "@sessionid/core/cookie";
import { createSession, SessionProvider, useSessionArgs, useSessionId } from "../src/index.ts";
import { App } from "./fixtures/App.tsx";

// Storage that records every touch: a server render must not use any.
const touched = vi.fn();
const spyStorage = { getItem: touched, setItem: touched, removeItem: touched, clear: touched, key: touched, length: 0 };
beforeEach(() => {
  vi.stubGlobal("sessionStorage", spyStorage);
  vi.stubGlobal("localStorage", spyStorage);
});
afterEach(() => {
  vi.unstubAllGlobals();
  touched.mockClear();
});

describe("server render (renderToString, server build of solid-js)", () => {
  it("runs on the server build, with no window", () => {
    expect(isServer).toBe(true);
    expect(typeof window).toBe("undefined");
  });

  it("renders a provider made from options without throwing and without touching storage", () => {
    const html = renderToString(() => <App />);
    expect(html).toContain(">none<");
    expect(html).toContain('"skip"');
    expect(touched).not.toHaveBeenCalled();
  });

  it("never subscribes to the session", () => {
    const session = createSession({ initialId: "V1StGXR8_Z5jdHi6B-myT" });
    const subscribe = vi.spyOn(session, "subscribe");
    const Reader = () => {
      const [sessionId] = useSessionId();
      const args = useSessionArgs(() => ({ page: 1 }));
      return <p>{sessionId()} {JSON.stringify(args())}</p>;
    };
    renderToString(() => (
      <SessionProvider session={session}>
        <Reader />
      </SessionProvider>
    ));
    expect(subscribe).not.toHaveBeenCalled();
  });

  it("with initialId, the ID is in the server HTML", () => {
    const html = renderToString(() => <App initialId="V1StGXR8_Z5jdHi6B-myT" />);
    expect(html).toContain(">V1StGXR8_Z5jdHi6B-myT<");
    expect(html).toContain('"sessionId":"V1StGXR8_Z5jdHi6B-myT"');
  });

  it("with the ID read from the request's session cookie (readSessionCookie) as initialId, it is in the server HTML", () => {
    const session = createSession({ storage: cookieBackend(), initialId: readSessionCookie("theme=dark; sessionid=V1StGXR8_Z5jdHi6B-myT.1") });
    const Reader = () => <p>{useSessionId()[0]()}</p>;
    const html = renderToString(() => (
      <SessionProvider session={session}>
        <Reader />
      </SessionProvider>
    ));
    expect(html).toContain(">V1StGXR8_Z5jdHi6B-myT<");
  });
});
