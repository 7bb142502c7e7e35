import { localStorageBackend, SessionProvider } from "@sessionid/solid";
import { Shop } from "~/components/Shop";

/** Per browser: every tab shares one ID in localStorage. The server renders none. */
export default function LocalPage() {
  return (
    <SessionProvider storage={localStorageBackend()} key="shop">
      <Shop title="Per browser (localStorage)" />
    </SessionProvider>
  );
}
