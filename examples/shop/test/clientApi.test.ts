// The browser side of the shop API: what a page gets when an answer is not what it asked for.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchCart, ShopApiError } from "../src/shared/api.ts";

const sessionId = "V1StGXR8_Z5jdHi6B-myT" as Parameters<typeof fetchCart>[0]["sessionId"];

afterEach(() => vi.unstubAllGlobals());

describe("shop client calls", () => {
  it("reject a success whose body cannot be read (Firefox aborts a body still arriving when the page is left), never resolving {} as a cart", async () => {
    vi.stubGlobal("fetch", async () => new Response("{\"items\": [", { status: 200, headers: { "Content-Type": "application/json" } }));
    const error = await fetchCart({ sessionId }).catch((error: unknown) => error);
    expect(error).toBeInstanceOf(ShopApiError);
    expect(error).toMatchObject({ code: "unreadable" });
  });

  it("reject an error answer without a JSON body with its status", async () => {
    vi.stubGlobal("fetch", async () => new Response("Bad Gateway", { status: 502 }));
    await expect(fetchCart({ sessionId })).rejects.toMatchObject({ status: 502, code: "unknown" });
  });
});
