import { cookieBackend } from "@sessionid/core/cookie";
import { SessionProvider } from "@sessionid/solid";
import { Shop } from "~/components/Shop";

/** Prerendered at build time (app.config.ts), so it cannot know a visitor's cookie: the ID shows after hydration. */
export default function StaticPage() {
  return (
    <SessionProvider storage={cookieBackend()} key="shop">
      <Shop title="Static (prerendered, cookie)" />
    </SessionProvider>
  );
}
