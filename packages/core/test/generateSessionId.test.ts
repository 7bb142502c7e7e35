import { describe, expect, it, vi } from "vitest";
import { createSession, generateSessionId, isSessionId, memoryBackend } from "../src/index.ts";

describe("generateSessionId", () => {
  it("makes 21 URL-safe characters from crypto.getRandomValues", () => {
    const spy = vi.spyOn(crypto, "getRandomValues");
    const id = generateSessionId();
    expect(id).toMatch(/^[\w-]{21}$/);
    expect(spy).toHaveBeenCalledTimes(1);
    expect((spy.mock.calls[0]![0] as Uint8Array).length).toBe(21);
  });

  it("never calls Math.random", () => {
    const random = vi.spyOn(Math, "random");
    for (let i = 0; i < 100; i++) generateSessionId();
    expect(random).not.toHaveBeenCalled();
  });

  it("does not repeat across 10 000 IDs and uses all 64 symbols", () => {
    const ids = new Set(Array.from({ length: 10_000 }, generateSessionId));
    expect(ids.size).toBe(10_000);
    expect(new Set([...ids].join("")).size).toBe(64);
  });

  it("works where crypto.randomUUID is missing (plain-http LAN origin)", () => {
    vi.stubGlobal("crypto", { getRandomValues: crypto.getRandomValues.bind(crypto) });
    expect(isSessionId(createSession({ storage: memoryBackend() }).get())).toBe(true);
    vi.unstubAllGlobals();
  });

  it("throws a clear error telling the user to pass generateId when there is no crypto", () => {
    vi.stubGlobal("crypto", undefined);
    expect(() => createSession({ storage: memoryBackend() }).get()).toThrowError(
      expect.objectContaining({ code: "no-crypto", message: expect.stringContaining("generateId") }),
    );
    expect(isSessionId(createSession({ storage: memoryBackend(), generateId: () => "supplied-by-the-app-01" }).get())).toBe(true);
    vi.unstubAllGlobals();
  });
});

describe("isSessionId", () => {
  it.each([
    ["a nanoid", "V1StGXR8_Z5jdHi6B-myT", true],
    ["a UUID", "0b6c3c57-7b0c-4bd8-9a0d-6b2a4b1f6f5e", true],
    ["16 characters", "a".repeat(16), true],
    ["128 characters", "a".repeat(128), true],
    ["15 characters", "a".repeat(15), false],
    ["129 characters", "a".repeat(129), false],
    ["a space", "abcdefgh ijklmnopq", false],
    ["a quoted JSON string", '"V1StGXR8_Z5jdHi6B-myT"', false],
    ["a number", 12345678901234567890, false],
    ["null", null, false],
  ])("%s → %s", (_name, value, expected) => {
    expect(isSessionId(value)).toBe(expected);
  });
});
