import { afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { cleanup, render } from "@solidjs/testing-library";
import { isSessionId } from "../src/index.ts";
import { App } from "./fixtures/App.tsx";
import { storedId } from "../../../test-shared/adapterScenarios.ts";

// Markup rendered by the server build of solid-js in Node (see renderOnServer.ts).
const markup = inject("serverMarkup");

beforeAll(() => {
  // What the hydration script sets up in a page; jsdom does not run inline scripts.
  const script = markup.hydrationScript.replace(/^<script[^>]*>|<\/script>.*$/gs, "");
  new Function(script)();
});

afterEach(() => {
  // Unmount first: a live session would write its ID back into the cleared storage.
  cleanup();
  sessionStorage.clear();
  vi.restoreAllMocks();
});

const hydrateServerMarkup = (html: string, initialId?: string) => {
  const container = document.body.appendChild(document.createElement("div"));
  container.innerHTML = html;
  const warnings = [vi.spyOn(console, "warn"), vi.spyOn(console, "error")];
  const view = render(() => <App initialId={initialId} />, { container, hydrate: true });
  return { view, warnings };
};

describe("hydrating server-rendered markup", () => {
  it("the server markup without initialId shows no ID and \"skip\"", () => {
    expect(markup.withoutId).toContain(">none<");
    expect(markup.withoutId).toContain('"skip"');
  });

  it("hydrates without a mismatch, and the ID appears right after hydration", () => {
    const { view, warnings } = hydrateServerMarkup(markup.withoutId);
    const id = storedId(sessionStorage, "sessionid");
    expect(isSessionId(id)).toBe(true);
    expect(view.getByTestId("id").textContent).toBe(id);
    expect(JSON.parse(view.getByTestId("args").textContent!)).toEqual({ page: 1, sessionId: id });
    for (const spy of warnings) expect(spy).not.toHaveBeenCalled();
  });

  it("with initialId the ID is already in the server markup, and hydration keeps it", () => {
    expect(markup.withInitialId).toContain(`>${markup.knownId}<`);
    sessionStorage.setItem("sessionid", markup.knownId); // the browser holds what the server rendered
    const { view, warnings } = hydrateServerMarkup(markup.withInitialId, markup.knownId);
    expect(view.getByTestId("id").textContent).toBe(markup.knownId);
    expect(storedId(sessionStorage, "sessionid")).toBe(markup.knownId);
    for (const spy of warnings) expect(spy).not.toHaveBeenCalled();
  });
});
