import { Shop } from "../Shop";
import { ShopSession } from "../ShopSession";

export const metadata = { title: "Per browser · Next.js shop" };

/** localStorage: one ID for every tab of the browser; the server renders none, hydration shows it. */
export default function LocalPage() {
  return (
    <ShopSession storage="local">
      <Shop title="Per browser (localStorage)" />
    </ShopSession>
  );
}
