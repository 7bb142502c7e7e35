import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateSessionId, type SessionId } from "@sessionid/core";
import { createShopApp } from "../server/createShopApp.ts";
import { openShopStore, type ShopStore } from "../server/openShopStore.ts";

let store: ShopStore;
let app: ReturnType<typeof createShopApp>;

beforeEach(() => {
  store = openShopStore(":memory:");
  app = createShopApp({ store });
});
afterEach(() => store.close());

const call = (path: string, init: { method?: string; session?: string; body?: unknown } = {}) =>
  app.request(path, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      ...(init.session === undefined ? {} : { "X-Session-Id": init.session }),
      ...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: init.body === undefined ? undefined : typeof init.body == "string" ? init.body : JSON.stringify(init.body),
  });

const cartOf = async (session: SessionId) => (await call("/api/cart", { session })).json();
const add = (session: SessionId, productId: string) => call("/api/cart/items", { session, body: { productId } });
const logIn = (previous: SessionId, next: SessionId, name = "alice") =>
  call("/api/login", { session: previous, body: { name, nextSessionId: next } });

describe("session validation", () => {
  it("answers 400 with a JSON error when no session ID is sent", async () => {
    const response = await call("/api/cart");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: "missing-session-id", error: expect.stringContaining("X-Session-Id") });
  });

  it.each([
    ["too short", "abc"],
    ["a forbidden character", "aaaaaaaaaaaaaaaaaaaa'; DROP TABLE cart_items; --"],
    ["too long", "a".repeat(129)],
  ])("answers 400 to a header that is %s, without echoing it", async (_, forged) => {
    const response = await call("/api/cart", { session: forged });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text).code).toBe("invalid-session-id");
    expect(text).not.toContain(forged);
  });

  it("changes nothing when an add-to-cart request carries a malformed ID", async () => {
    const response = await call("/api/cart/items", { session: "not-an-id!", body: { productId: "socks" } });
    expect(response.status).toBe(400);
    expect(store.cart("not-an-id!" as SessionId).items).toEqual([]);
  });

  it("accepts the session ID as the sessionId argument of the body", async () => {
    const session = generateSessionId();
    const response = await call("/api/cart/items", { body: { sessionId: session, productId: "mug" } });
    expect(response.status).toBe(200);
    expect((await cartOf(session)).items).toEqual([{ productId: "mug", name: "Enamel mug", price: 1800, quantity: 1 }]);
  });

  it("answers 400 when the header and the sessionId argument differ", async () => {
    const response = await call("/api/cart/items", {
      session: generateSessionId(),
      body: { sessionId: generateSessionId(), productId: "mug" },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe("conflicting-session-id");
  });

  it("answers 400 to a body that is not JSON", async () => {
    const response = await call("/api/cart/items", { session: generateSessionId(), body: "{nope" });
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe("invalid-json");
  });

  it("answers 400 to an unknown product", async () => {
    const response = await add(generateSessionId(), "caviar");
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe("unknown-product");
  });
});

describe("cart", () => {
  it("starts empty for a new session", async () => {
    expect(await cartOf(generateSessionId())).toEqual({ user: null, items: [] });
  });

  it("counts repeated adds of one product as its quantity", async () => {
    const session = generateSessionId();
    await add(session, "socks");
    await add(session, "socks");
    expect((await cartOf(session)).items).toEqual([{ productId: "socks", name: "Wool socks", price: 1200, quantity: 2 }]);
  });

  it("keeps one cart per session", async () => {
    const [one, two] = [generateSessionId(), generateSessionId()];
    await add(one, "socks");
    expect((await cartOf(two)).items).toEqual([]);
  });

  it("removes a product", async () => {
    const session = generateSessionId();
    await add(session, "socks");
    await add(session, "mug");
    const response = await call("/api/cart/items/socks", { method: "DELETE", session });
    expect((await response.json()).items.map((item: { productId: string }) => item.productId)).toEqual(["mug"]);
  });
});

describe("log in, log out, end all sessions", () => {
  it("moves the cart from the previous session to the next one on log-in", async () => {
    const [previous, next] = [generateSessionId(), generateSessionId()];
    await add(previous, "tote");
    expect((await logIn(previous, next)).status).toBe(200);
    expect(await cartOf(next)).toEqual({ user: "alice", items: [expect.objectContaining({ productId: "tote" })] });
    expect(await cartOf(previous)).toEqual({ user: null, items: [] });
  });

  it("refuses a log-in whose next session ID is already in use, and changes nothing", async () => {
    const [previous, next] = [generateSessionId(), generateSessionId()];
    await add(previous, "tote");
    await add(next, "mug");
    expect((await logIn(previous, next)).status).toBe(409);
    expect((await cartOf(previous)).items).toHaveLength(1);
    expect((await cartOf(next)).user).toBeNull();
  });

  it("answers 400 to a log-in with a malformed next session ID", async () => {
    const response = await logIn(generateSessionId(), "short" as SessionId);
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe("invalid-session-id");
  });

  it("answers 400 to a log-in without a valid name", async () => {
    const response = await logIn(generateSessionId(), generateSessionId(), "");
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe("invalid-name");
  });

  it("deletes the cart and the login of a session on log-out", async () => {
    const [previous, session] = [generateSessionId(), generateSessionId()];
    await add(previous, "socks");
    await logIn(previous, session);
    expect((await call("/api/logout", { session, body: {} })).status).toBe(200);
    expect(await cartOf(session)).toEqual({ user: null, items: [] });
  });

  it("ends every session of the user, so each is refused with 410 afterwards", async () => {
    const [a0, a, b0, b, other] = [generateSessionId(), generateSessionId(), generateSessionId(), generateSessionId(), generateSessionId()];
    await logIn(a0, a);
    await add(b0, "mug");
    await logIn(b0, b);
    await add(other, "socks");
    const response = await call("/api/sessions/end-all", { session: a, body: {} });
    expect(await response.json()).toEqual({ ended: 2 });
    expect((await call("/api/cart", { session: b })).status).toBe(410);
    expect((await add(a, "socks")).status).toBe(410);
    expect(store.cart(b).items).toEqual([]);
    expect((await cartOf(other)).items).toHaveLength(1);
  });

  it("answers 401 to end-all-sessions from a session nobody is logged in on", async () => {
    const response = await call("/api/sessions/end-all", { session: generateSessionId(), body: {} });
    expect(response.status).toBe(401);
  });
});

describe("responses", () => {
  it("never contain a session ID", async () => {
    const [previous, next] = [generateSessionId(), generateSessionId()];
    const bodies = [
      await (await add(previous, "socks")).text(),
      await (await logIn(previous, next)).text(),
      await (await call("/api/cart", { session: next })).text(),
      await (await call("/api/cart/items/socks", { method: "DELETE", session: next })).text(),
      await (await call("/api/sessions/end-all", { session: next, body: {} })).text(),
      await (await call("/api/cart", { session: next })).text(),
    ];
    for (const body of bodies) {
      expect(body).not.toContain(previous);
      expect(body).not.toContain(next);
    }
  });

  it("are never cached", async () => {
    const response = await call("/api/cart", { session: generateSessionId() });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

describe("storage on disk", () => {
  let dir: string;
  beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), "shop-db-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps carts and logins when the database is closed and opened again", () => {
    const file = join(dir, "shop.db");
    const [previous, next] = [generateSessionId(), generateSessionId()];
    const first = openShopStore(file);
    first.addItem(previous, "notebook");
    first.logIn(previous, next, "bob");
    first.close();
    const second = openShopStore(file);
    expect(second.cart(next)).toEqual({ user: "bob", items: [expect.objectContaining({ productId: "notebook", quantity: 1 })] });
    second.close();
  });
});
