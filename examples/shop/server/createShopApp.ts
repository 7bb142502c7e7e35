import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { isSessionId, type SessionId } from "@sessionid/core";
import { findProduct } from "../src/shared/catalog.ts";
import type { ShopStore } from "./openShopStore.ts";

/** Options of {@link createShopApp}. */
export interface ShopAppOptions {
  store: ShopStore;
  /** The Vite build of the pages (`dist/client`); without it only the API is served. */
  clientDir?: string;
}

/** The pages the server serves, each a Vite entry `src/<page>/index.html` (the home page is `src/index.html`). */
export const pages = ["vanilla", "react", "vue", "svelte", "solid"] as const;

class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 409 | 410 | 413,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const malformed = () =>
  new ApiError(
    400,
    "invalid-session-id",
    "The session ID is malformed: it must be 16 to 128 characters of A-Z, a-z, 0-9, _ and -. Send the ID that @sessionid/core made.",
  );

type Body = Record<string, unknown>;

const readBody = async (c: Context): Promise<Body> => {
  if (c.req.method == "GET" || c.req.method == "HEAD") return {};
  const text = await c.req.text();
  if (!text) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid-json", "The request body is not valid JSON: send a JSON object.");
  }
  if (typeof body != "object" || body === null || Array.isArray(body))
    throw new ApiError(400, "invalid-json", "The request body must be a JSON object.");
  return body as Body;
};

/**
 * The session a request is for: the `X-Session-Id` header or the `sessionId` argument of the
 * JSON body (as `withSessionId`/`useSessionFn` send it). Validated with `isSessionId`; an
 * ended session is refused with 410 so the tab starts a fresh one. Never echoes the value.
 */
const readSession = (c: Context, body: Body, store: ShopStore): SessionId => {
  const header = c.req.header("x-session-id");
  const argument = body.sessionId;
  if (header === undefined && argument === undefined)
    throw new ApiError(
      400,
      "missing-session-id",
      "No session ID: send it in the X-Session-Id header or as sessionId in the JSON body.",
    );
  if (header !== undefined && argument !== undefined && header !== argument)
    throw new ApiError(400, "conflicting-session-id", "The X-Session-Id header and the sessionId argument differ: send one of them.");
  const sessionId = header ?? argument;
  if (!isSessionId(sessionId)) throw malformed();
  if (store.isEnded(sessionId))
    throw new ApiError(410, "session-ended", "This session was ended on the server (log out everywhere): start a new session ID.");
  return sessionId;
};

const readProduct = (value: unknown) => {
  const product = findProduct(value);
  if (!product) throw new ApiError(400, "unknown-product", "There is no such product: send a productId from the catalogue.");
  return product;
};

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".ico": "image/x-icon",
};

/**
 * The shop's HTTP app: the JSON API under `/api` and the built pages.
 *
 * @example
 * import { serve } from "@hono/node-server";
 * serve({ fetch: createShopApp({ store: openShopStore("data/shop.db"), clientDir: "dist/client" }).fetch, hostname: "127.0.0.1", port: 3000 });
 */
export function createShopApp({ store, clientDir }: ShopAppOptions): Hono {
  const app = new Hono();

  app.use("/api/*", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: 16 * 1024,
      onError: () => {
        throw new ApiError(413, "body-too-large", "The request body is larger than 16 KB.");
      },
    }),
  );

  /** Runs `handle` with the request's validated session; answers its JSON. */
  const withSession = (handle: (sessionId: SessionId, body: Body, c: Context) => unknown) => async (c: Context) => {
    const body = await readBody(c);
    return c.json(handle(readSession(c, body, store), body, c) ?? {});
  };

  app.get("/api/cart", withSession((sessionId) => store.cart(sessionId)));

  app.post(
    "/api/cart/items",
    withSession((sessionId, body) => {
      store.addItem(sessionId, readProduct(body.productId).id);
      return store.cart(sessionId);
    }),
  );

  app.delete(
    "/api/cart/items/:productId",
    withSession((sessionId, _body, c) => {
      store.removeItem(sessionId, readProduct(c.req.param("productId")).id);
      return store.cart(sessionId);
    }),
  );

  // Runs inside the client's `refresh` callback: the header carries the current (previous) ID,
  // the body the next one, which the client commits only after this succeeds.
  app.post(
    "/api/login",
    withSession((previous, body) => {
      const name = typeof body.name == "string" ? body.name.trim() : "";
      if (!/^[\p{L}\p{N} ._-]{1,32}$/u.test(name))
        throw new ApiError(400, "invalid-name", "The name must be 1 to 32 letters, digits, spaces, dots, dashes or underscores.");
      const next = body.nextSessionId;
      if (!isSessionId(next)) throw malformed();
      if (next == previous || store.logIn(previous, next, name) == "next-session-in-use")
        throw new ApiError(409, "next-session-in-use", "The new session ID is already in use: refresh again to make another.");
      return { user: name };
    }),
  );

  // Also runs inside `refresh`: nothing moves to the next ID, the old one keeps nothing.
  app.post(
    "/api/logout",
    withSession((sessionId) => {
      store.logOut(sessionId);
      return { user: null };
    }),
  );

  app.post(
    "/api/sessions/end-all",
    withSession((sessionId) => {
      const ended = store.endAllSessions(sessionId);
      if (ended == null) throw new ApiError(401, "not-logged-in", "Nobody is logged in on this session: log in first.");
      return { ended };
    }),
  );

  app.all("/api/*", (c) => c.json({ code: "not-found", error: "There is no such API endpoint." }, 404));

  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json({ code: error.code, error: error.message }, error.status);
    console.error("Unexpected error while handling a request:", error instanceof Error ? error.message : "unknown");
    return c.json({ code: "internal", error: "The server failed to handle this request; try again." }, 500);
  });

  if (clientDir) {
    const root = normalize(clientDir + sep);
    const send = async (c: Context, file: string) => {
      const path = normalize(join(root, file));
      if (!path.startsWith(root)) return c.notFound();
      try {
        const content = await readFile(path);
        return c.body(content, 200, { "Content-Type": contentTypes[extname(path)] ?? "application/octet-stream" });
      } catch {
        return c.notFound();
      }
    };
    app.get("/", (c) => send(c, "index.html"));
    for (const page of pages) for (const path of [`/${page}`, `/${page}/`]) app.get(path, (c) => send(c, `${page}/index.html`));
    // Built asset names are plain ASCII, so the raw path is the file name.
    app.get("/assets/*", (c) => send(c, c.req.path));
  }

  return app;
}
