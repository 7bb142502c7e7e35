import { render } from "@testing-library/svelte";
import { tick } from "svelte";
import { get } from "svelte/store";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSession } from "@sessionid/core";
import { countingSession } from "../../../test-shared/adapterScenarios.ts";
import { sessionIdStore } from "../src/index.ts";
import App from "./fixtures/App.svelte";

afterEach(() => sessionStorage.clear());

describe("sessionIdStore", () => {
  it("calls a new subscriber at once with the current ID", () => {
    const session = createSession();
    const run = vi.fn();
    const unsubscribe = sessionIdStore(session).subscribe(run);
    expect(run).toHaveBeenCalledOnce();
    expect(run).toHaveBeenCalledWith(session.get());
    unsubscribe();
    session.dispose();
  });

  it("tells subscribers about a refresh and stops once unsubscribed", async () => {
    const counting = countingSession(createSession());
    const store = sessionIdStore(counting.session);
    expect(get(store)).toBe(counting.session.get());
    const run = vi.fn();
    const unsubscribe = store.subscribe(run);
    const next = await counting.session.refresh();
    expect(run).toHaveBeenLastCalledWith(next);
    unsubscribe();
    expect(counting.live()).toBe(0);
    await counting.session.refresh();
    expect(run).toHaveBeenCalledTimes(2);
    counting.session.dispose();
  });

  it("$sessionId in a component shows the ID, follows a refresh and unsubscribes on unmount", async () => {
    const counting = countingSession(createSession());
    const view = render(App, { props: { value: counting.session, store: true } });
    expect(view.getByTestId("store").textContent).toBe(counting.session.get());
    const next = await counting.session.refresh();
    await tick();
    expect(view.getByTestId("store").textContent).toBe(next);
    view.unmount();
    await tick();
    expect(counting.live()).toBe(0);
    counting.session.dispose();
  });
});
