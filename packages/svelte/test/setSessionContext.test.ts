import { render } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSession, SessionError, type Session } from "@sessionid/core";
import { countingSession, storedId } from "../../../test-shared/adapterScenarios.ts";
import { sessionIdStore, useSession, useSessionArgs, useSessionFn, useSessionId } from "../src/index.ts";
import App from "./fixtures/App.svelte";
import CallHelper from "./fixtures/CallHelper.svelte";
import Nested from "./fixtures/Nested.svelte";
import ProvideThenCall from "./fixtures/ProvideThenCall.svelte";

afterEach(() => sessionStorage.clear());

describe("setSessionContext", () => {
  it("with options, creates one session and shows its ID in the first render", () => {
    let created: Session | undefined;
    const view = render(App, { props: { value: { key: "shop" }, onSession: (session) => (created = session) } });
    expect(view.getByTestId("id").textContent).toBe(created!.get());
    expect(storedId(sessionStorage, "shop")).toBe(created!.get());
    view.unmount();
  });

  it("disposes a session it created from options when its component is destroyed", async () => {
    let created: Session | undefined;
    const view = render(App, { props: { value: {}, onSession: (session) => (created = session) } });
    const listener = vi.fn();
    created!.subscribe(listener);
    view.unmount();
    await expect(created!.refresh()).rejects.toMatchObject({ code: "disposed" });
    expect(listener).not.toHaveBeenCalled();
  });

  it("never disposes a session that was passed in", async () => {
    const session = createSession();
    const view = render(App, { props: { value: session } });
    const listener = vi.fn();
    session.subscribe(listener);
    view.unmount();
    const next = await session.refresh();
    expect(listener).toHaveBeenCalledWith(next);
    session.dispose();
  });

  it("an inner setSessionContext with another key wins for its subtree", () => {
    const view = render(Nested);
    const outer = view.getByTestId("outer").textContent;
    const inner = view.getByTestId("inner").textContent;
    expect(outer).toBe(storedId(sessionStorage, "outer"));
    expect(inner).toBe(storedId(sessionStorage, "inner"));
    expect(inner).not.toBe(outer);
    view.unmount();
  });

  it("components reading the ID under one setSessionContext share one subscription to the session", () => {
    const counting = countingSession(createSession());
    const view = render(App, { props: { value: counting.session, later: true } });
    expect(view.getByTestId("id").textContent).toBe(counting.session.get());
    expect(view.getByTestId("later").textContent).toBe(counting.session.get());
    expect(counting.live()).toBe(1);
    view.unmount();
    counting.session.dispose();
  });

  it("useSession gives a child the session handed to setSessionContext", () => {
    const session = createSession();
    let seen: Session | undefined;
    const view = render(ProvideThenCall, { props: { session, helper: () => (seen = useSession()) } });
    expect(seen).toBe(session);
    view.unmount();
    session.dispose();
  });
});

describe("outside any setSessionContext", () => {
  it.each([
    ["useSession", useSession],
    ["useSessionId", useSessionId],
    ["useSessionArgs", () => useSessionArgs(() => ({ page: 1 }))],
    ["useSessionFn", () => useSessionFn(() => {})],
    ["sessionIdStore", () => sessionIdStore()],
  ])("%s throws the core's no-provider error, naming itself and setSessionContext", (name, helper) => {
    let thrown: unknown;
    try {
      render(CallHelper, { props: { helper } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SessionError);
    expect(thrown).toMatchObject({
      code: "no-provider",
      // Svelte's dev build appends the component stack to the message, hence the anchored prefix.
      message: expect.stringMatching(
        new RegExp(`^${name}\\(\\) found no session: add setSessionContext\\(\\) in a parent component above this component\\.`),
      ),
    });
  });
});
