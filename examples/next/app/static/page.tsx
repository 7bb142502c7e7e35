import { Shop } from "../Shop";
import { ShopSession } from "../ShopSession";

// Prerendered once at build time: no request, so no cookie and no ID in the HTML.
export const dynamic = "force-static";

export const metadata = { title: "Static · Next.js shop" };

/** The cookie backend on a prerendered page: the browser's cookie ID shows right after hydration. */
export default function StaticPage() {
  return (
    <ShopSession storage="cookie">
      <Shop title="Static (prerendered, cookie)" />
    </ShopSession>
  );
}
