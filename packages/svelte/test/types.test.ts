import { expectTypeOf, it } from "vitest";
import type { SessionId } from "../src/index.ts";
import { useSessionFn } from "../src/index.ts";

it("useSessionFn's function takes the args without sessionId, for a SessionId- or string-typed function", () => {
  expectTypeOf(useSessionFn<{ item: string; sessionId: SessionId }, number>).returns.toEqualTypeOf<
    (args: { item: string }) => Promise<number>
  >();
  expectTypeOf(useSessionFn<{ item: string; sessionId: string }, number>).returns.toEqualTypeOf<
    (args: { item: string }) => Promise<number>
  >();
});
