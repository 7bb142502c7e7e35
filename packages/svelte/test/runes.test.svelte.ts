import { render } from "@testing-library/svelte";
import { flushSync, tick } from "svelte";
import { afterEach, describe, expect, it } from "vitest";
import { createSession, type SessionArgs } from "@sessionid/core";
import { countingSession } from "../../../test-shared/adapterScenarios.ts";
import Capture from "./fixtures/Capture.svelte";
import type { useSessionArgs, useSessionId } from "../src/index.ts";

afterEach(() => sessionStorage.clear());

// Mounts a component that calls the helpers, and hands them to the test's own runes.
const capture = (getArgs: () => { page: number } | "skip" = () => ({ page: 1 })) => {
  const counting = countingSession(createSession());
  let helpers!: { sessionId: ReturnType<typeof useSessionId>; args: ReturnType<typeof useSessionArgs<{ page: number }>> };
  const view = render(Capture, { props: { session: counting.session, getArgs, expose: (exposed) => (helpers = exposed) } });
  return { ...counting, ...helpers, view };
};

describe("runes", () => {
  it("reading .current outside an effect gives the ID and subscribes to nothing", () => {
    const { session, sessionId, live, view } = capture();
    expect(sessionId.current).toBe(session.get());
    expect(live()).toBe(0);
    view.unmount();
    session.dispose();
  });

  it("an $effect reading .current follows a refresh, and disposing its root unsubscribes", async () => {
    const { session, sessionId, live, view } = capture();
    const seen: unknown[] = [];
    const stop = $effect.root(() => {
      $effect(() => void seen.push(sessionId.current));
    });
    flushSync();
    expect(seen).toEqual([session.get()]);
    expect(live()).toBe(1);
    const next = await sessionId.refresh();
    flushSync();
    expect(seen).toEqual([seen[0], next]);
    stop();
    await tick();
    expect(live()).toBe(0);
    view.unmount();
    session.dispose();
  });

  it("useSessionArgs follows $state arguments, including \"skip\"", () => {
    let page = $state<{ page: number } | "skip">({ page: 1 });
    const { session, args, view } = capture(() => page);
    const seen: SessionArgs<{ page: number }>[] = [];
    const stop = $effect.root(() => {
      $effect(() => void seen.push(args.current));
    });
    flushSync();
    page = { page: 2 };
    flushSync();
    page = "skip";
    flushSync();
    const sessionId = session.get();
    expect(seen).toEqual([{ page: 1, sessionId }, { page: 2, sessionId }, "skip"]);
    stop();
    view.unmount();
    session.dispose();
  });
});
