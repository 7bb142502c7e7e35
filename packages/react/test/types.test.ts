// Checked by `tsc` (the package's typecheck covers test/); the runtime part only runs the hooks.
import { cleanup, renderHook } from "@testing-library/react";
import { createElement, type ReactNode } from "react";
import { afterEach, expect, expectTypeOf, it } from "vitest";
import { createSession, SessionProvider, useSessionArgs, useSessionFn, useSessionId, type SessionId } from "../src/index.ts";

const session = createSession();
const wrapper = ({ children }: { children?: ReactNode }) => createElement(SessionProvider, { session }, children);
const hook = <T>(use: () => T) => renderHook(use, { wrapper }).result.current;

afterEach(() => cleanup());

it("types useSessionArgs as the args plus a SessionId, or \"skip\"", () => {
  const args = hook(() => useSessionArgs({ page: 1 }));
  expectTypeOf(args).toEqualTypeOf<({ page: number } & { sessionId: SessionId }) | "skip">();
  expect(args).toEqual({ page: 1, sessionId: session.get() });
});

it("types useSessionFn's function as taking the fn's args without sessionId, and returning a promise of its result", () => {
  const add = hook(() => useSessionFn((args: { item: string; count?: number; sessionId: SessionId }) => args.count ?? 1));
  expectTypeOf(add).parameters.toEqualTypeOf<[args: { item: string; count?: number }]>();
  expectTypeOf(add).returns.toEqualTypeOf<Promise<number>>();
  // @ts-expect-error the session ID is added by the hook, never passed in
  void add({ item: "socks", sessionId: session.get()! });
  // @ts-expect-error `item` is required
  void add({});
});

it("accepts a fn typed with a plain string sessionId, as backends (Convex validators, REST types) declare it", async () => {
  const save = hook(() => useSessionFn((args: { note: string; sessionId: string }) => args.sessionId));
  expectTypeOf(save).parameters.toEqualTypeOf<[args: { note: string }]>();
  await expect(save({ note: "hi" })).resolves.toBe(session.get());
});

it("lets a useSessionFn function whose fn needs only the session ID be called with no arguments", async () => {
  const ping = hook(() => useSessionFn((args: { sessionId: SessionId }) => args.sessionId));
  expectTypeOf(ping).parameters.toEqualTypeOf<[args?: Record<string, never>]>();
  await expect(ping()).resolves.toBe(session.get());
});

it("types useSessionId as the ID (possibly undefined) and the session's refresh", () => {
  const [sessionId, refresh] = hook(() => useSessionId());
  expectTypeOf(sessionId).toEqualTypeOf<SessionId | undefined>();
  expectTypeOf(refresh).toEqualTypeOf<typeof session.refresh>();
  expect(sessionId).toBe(session.get());
});
