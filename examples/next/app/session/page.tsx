import { Shop } from "../Shop";
import { ShopSession } from "../ShopSession";

export const metadata = { title: "Per tab · Next.js shop" };

/** sessionStorage: the server cannot know a tab's ID, so it renders none and the ID shows after hydration. */
export default function SessionPage() {
  return (
    <ShopSession storage="session">
      <Shop title="Per tab (sessionStorage)" />
    </ShopSession>
  );
}
