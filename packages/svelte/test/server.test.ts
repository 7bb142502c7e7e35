// @vitest-environment node
import { render } from "svelte/server";
import { describe, expect, it, vi } from "vitest";
import { createSession, generateSessionId, type StorageBackend } from "@sessionid/core";
import { countingSession } from "../../../test-shared/adapterScenarios.ts";
import App from "./fixtures/App.svelte";

const shown = (body: string) => body.match(/<output data-testid="id">(.*?)<\/output>/)![1];

describe("server render with svelte/server", () => {
  it("touches no storage, does not throw and shows no ID", () => {
    const backend = { get: vi.fn(), set: vi.fn(), remove: vi.fn(), subscribe: vi.fn() } satisfies StorageBackend;
    const { body } = render(App, { props: { value: { storage: backend } } });
    expect(shown(body)).toBe("");
    expect(body).toContain("unknown");
    expect(backend.get).not.toHaveBeenCalled();
    expect(backend.set).not.toHaveBeenCalled();
    expect(backend.subscribe).not.toHaveBeenCalled();
  });

  it("with the default sessionStorage backend reports no fault", () => {
    const onError = vi.fn();
    const { body } = render(App, { props: { value: { onError } } });
    expect(shown(body)).toBe("");
    expect(onError).not.toHaveBeenCalled();
  });

  it("shows the initialId the server knows", () => {
    const initialId = generateSessionId();
    const { body } = render(App, { props: { value: { initialId } } });
    expect(shown(body)).toBe(initialId);
  });

  it("never subscribes to the session", () => {
    const counting = countingSession(createSession({ initialId: generateSessionId() }));
    const { body } = render(App, { props: { value: counting.session, store: true } });
    expect(shown(body)).toBe(counting.session.get());
    expect(counting.live()).toBe(0);
  });
});
