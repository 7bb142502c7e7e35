// examples/next/app/ShopSession.tsx
"use client";
import type { ReactNode } from "react";
import { cookieBackend } from "@sessionid/core/cookie";
import { localStorageBackend, SessionProvider, sessionStorageBackend } from "@sessionid/react";

/** Where a page keeps its session: per tab, per browser, or in a cookie the server can read. */
export type ShopStorage = "session" | "local" | "cookie";

const backends = { session: sessionStorageBackend, local: localStorageBackend, cookie: cookieBackend };

/**
 * The session provider for a page, made on the client side of the boundary: a Server Component
 * passes only strings (the storage's name and the cookie's ID), never a backend object.
 *
 * @example
 * <ShopSession storage="cookie" initialId={readSessionCookie(header, "shop")}><Shop /></ShopSession>
 */
export function ShopSession({ storage, initialId, children }: { storage: ShopStorage; initialId?: string | null; children: ReactNode }) {
  // Options are read on the first render of each request (and once in the browser): no session is shared between requests.
  return <SessionProvider options={{ storage: backends[storage](), key: "shop", initialId }}>{children}</SessionProvider>;
}
