import { act } from "@testing-library/react";
import { hydrateRoot, type Root } from "react-dom/client";
import { afterEach, expect, it, vi } from "vitest";
import { cookieBackend } from "@sessionid/core/cookie";
import type { SessionOptions } from "../src/index.ts";
import { knownId, Page, serverHtml } from "./fixture.tsx";
import { storedId } from "../../../test-shared/adapterScenarios.ts";

let root: Root | undefined;

afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = "";
  document.cookie = "sessionid=; Max-Age=0; Path=/";
  sessionStorage.clear();
  vi.restoreAllMocks();
});

/** Hydrates the server's markup; answers what each render saw and every error React reported. */
async function hydrate(html: string, options: SessionOptions) {
  const container = document.createElement("div");
  container.innerHTML = html;
  document.body.append(container);
  const consoleError = vi.spyOn(console, "error");
  const onRecoverableError = vi.fn();
  const seen: (string | undefined)[] = [];
  await act(async () => {
    root = hydrateRoot(container, <Page options={options} seen={seen} />, { onRecoverableError });
  });
  return { container, seen, errors: [...consoleError.mock.calls, ...onRecoverableError.mock.calls] };
}

it("hydrates markup rendered without an ID with no mismatch, and shows the ID right after", async () => {
  const { container, seen, errors } = await hydrate(serverHtml.unknown, {});
  expect(errors).toEqual([]);
  const id = storedId(sessionStorage, "sessionid");
  expect(id).toBeTruthy();
  expect(seen).toEqual([undefined, id]);
  expect(container.textContent).toBe(id);
});

it("hydrates markup rendered with initialId: the ID is in the first client render", async () => {
  sessionStorage.setItem("sessionid", knownId); // the browser holds what the server rendered
  const { container, seen, errors } = await hydrate(serverHtml.known, { initialId: knownId });
  expect(errors).toEqual([]);
  expect(seen).toEqual([knownId]);
  expect(container.textContent).toBe(knownId);
});

it("hydrates markup rendered from the cookie: the browser's cookie ID is in the first client render", async () => {
  document.cookie = `sessionid=${knownId}.1; Path=/`;
  // The server read it with readSessionCookie and rendered it; the page hands it on as initialId.
  const { container, seen, errors } = await hydrate(serverHtml.known, { storage: cookieBackend(), initialId: knownId });
  expect(errors).toEqual([]);
  expect(seen).toEqual([knownId]);
  expect(container.textContent).toBe(knownId);
});

it("reports a mismatch when the client disagrees with the server markup, so the checks above can fail", async () => {
  sessionStorage.setItem("sessionid", "stored-in-this-tab-0001");
  const { errors } = await hydrate(serverHtml.known, {});
  expect(errors.length).toBeGreaterThan(0);
});
