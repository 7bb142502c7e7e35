import { cleanup, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, expect, it, vi } from "vitest";
import { createSession, SessionProvider, useSessionFn, type SessionId } from "../src/index.ts";

const session = createSession();
const wrapper = ({ children }: { children?: ReactNode }) => <SessionProvider session={session}>{children}</SessionProvider>;

afterEach(() => cleanup());

it("returns the same function on every render, even when given a new fn each time", () => {
  const { result, rerender } = renderHook(({ n }) => useSessionFn((args: { sessionId: SessionId }) => [n, args]), {
    wrapper,
    initialProps: { n: 1 },
  });
  const first = result.current;
  rerender({ n: 2 });
  rerender({ n: 3 });
  expect(result.current).toBe(first);
});

it("always calls the fn of the latest render", async () => {
  const { result, rerender } = renderHook(({ fn }) => useSessionFn(fn), {
    wrapper,
    initialProps: { fn: vi.fn((args: { item: string; sessionId: SessionId }) => `old ${args.item}`) },
  });
  const latest = vi.fn((args: { item: string; sessionId: SessionId }) => `new ${args.item}`);
  rerender({ fn: latest });
  await expect(result.current({ item: "socks" })).resolves.toBe("new socks");
  expect(latest).toHaveBeenCalledWith({ item: "socks", sessionId: session.get() });
});
