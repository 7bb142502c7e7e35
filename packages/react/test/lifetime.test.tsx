// A session lifetime through the React adapter: the provider takes the option as any other, the
// hooks show the new ID after expiry, and useSessionFn's calls never carry the expired one.
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { sessionLifetime } from "@sessionid/core/lifetime";
import { localStorageBackend, SessionProvider, useSessionArgs, useSessionFn, useSessionId, type SessionId } from "../src/index.ts";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date", "performance"] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  localStorage.clear();
});

it("after the idle timeout the page shows a new ID, and a call sends it, never the expired one", async () => {
  const sent: SessionId[] = [];
  const calls: { call?: (args?: Record<string, never>) => Promise<unknown> } = {};
  function Page() {
    const [id] = useSessionId();
    const args = useSessionArgs({});
    calls.call = useSessionFn(async ({ sessionId }: { sessionId: SessionId }) => void sent.push(sessionId));
    return <p data-testid="id">{`${id ?? "none"} ${args == "skip" ? "skip" : args.sessionId}`}</p>;
  }
  render(
    <SessionProvider options={{ storage: localStorageBackend(), lifetime: sessionLifetime({ idleTimeout: 60_000 }) }}>
      <Page />
    </SessionProvider>,
  );
  const shown = () => screen.getByTestId("id").textContent!.split(" ");
  await act(() => vi.advanceTimersByTimeAsync(10));
  const [first] = shown();
  expect(shown()).toEqual([first, first]);
  await act(() => calls.call!());
  expect(sent).toEqual([first]);
  await act(() => vi.advanceTimersByTimeAsync(61_000));
  const [next, argsId] = shown();
  expect(next).not.toBe(first);
  expect(argsId).toBe(next);
  await act(() => calls.call!());
  expect(sent).toEqual([first, next]);
});
