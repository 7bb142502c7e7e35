// @vitest-environment node
import { renderToString } from "react-dom/server";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { readSessionCookie } from "@sessionid/core/cookie";
import { localStorageBackend, SessionProvider } from "../src/index.ts";
import { knownId, Page, serverHtml, ShowId } from "./fixture.tsx";

// Browser storage as spies: a server render must not touch any of it.
const storage = () => ({ getItem: vi.fn(), setItem: vi.fn(), removeItem: vi.fn(), clear: vi.fn(), key: vi.fn(), length: 0 });
let browserStorage: ReturnType<typeof storage>[];

beforeEach(() => {
  browserStorage = [storage(), storage()];
  vi.stubGlobal("sessionStorage", browserStorage[0]);
  vi.stubGlobal("localStorage", browserStorage[1]);
});
afterEach(() => vi.unstubAllGlobals());

const untouched = () =>
  browserStorage.forEach((area) => [area.getItem, area.setItem, area.removeItem, area.clear].forEach((method) => expect(method).not.toHaveBeenCalled()));

it("renders on the server without an ID, touching no browser storage", () => {
  expect(typeof window).toBe("undefined");
  expect(renderToString(<Page options={{}} />)).toBe(serverHtml.unknown);
  expect(renderToString(<Page options={{ storage: localStorageBackend() }} />)).toBe(serverHtml.unknown);
  untouched();
});

it("renders the initialId on the server, touching no browser storage", () => {
  expect(renderToString(<Page options={{ initialId: knownId }} />)).toBe(serverHtml.known);
  untouched();
});

it("renders the ID read from the request's session cookie (readSessionCookie) as initialId", () => {
  const initialId = readSessionCookie(`theme=dark; sessionid=${knownId}.1`);
  expect(renderToString(<Page options={{ initialId }} />)).toBe(serverHtml.known);
  untouched();
});

it("gives each server render of one hoisted provider element its own session, so requests never share an ID", async () => {
  let cookie = `sessionid=${knownId}.1`;
  const page = (
    // The options object is the element's, made once; each server render reads it anew.
    <SessionProvider
      options={{
        get initialId() {
          return readSessionCookie(cookie);
        },
      }}
    >
      <ShowId />
    </SessionProvider>
  );
  expect(renderToString(page)).toBe(serverHtml.known);
  // The next request, in a later task.
  cookie = "sessionid=another-visitor-0000001.1";
  await new Promise((resolve) => setTimeout(resolve));
  expect(renderToString(page)).toBe('<output data-testid="id">another-visitor-0000001</output>');
  untouched();
});
