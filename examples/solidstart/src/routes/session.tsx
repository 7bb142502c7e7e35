import { SessionProvider } from "@sessionid/solid";
import { Shop } from "~/components/Shop";

/** Per tab: the default sessionStorage backend. The server knows no ID and renders none. */
export default function SessionPage() {
  return (
    <SessionProvider key="shop">
      <Shop title="Per tab (sessionStorage)" />
    </SessionProvider>
  );
}
