// examples/next/app/cookie/page.tsx
import { cookies } from "next/headers";
import { readSessionCookie } from "@sessionid/core/cookie";
import { Shop } from "../Shop";
import { ShopSession } from "../ShopSession";

export const metadata = { title: "Cookie · Next.js shop" };

/** Rendered per request: the server shows the ID of the request's `shop` cookie, as the browser will. */
export default async function CookiePage() {
  // Only the validated ID (or null) crosses to the client: never the Cookie header or the cookies object.
  const initialId = readSessionCookie((await cookies()).toString(), "shop");
  return (
    <ShopSession storage="cookie" initialId={initialId}>
      <Shop title="Cookie (server-rendered ID)" />
    </ShopSession>
  );
}
