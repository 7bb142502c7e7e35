// examples/solidstart/src/routes/cookie.tsx
import { Show } from "solid-js";
import { createAsync } from "@solidjs/router";
import { cookieBackend } from "@sessionid/core/cookie";
import { SessionProvider } from "@sessionid/solid";
import { Shop } from "~/components/Shop";
import { readShopCookie } from "~/lib/readShopCookie";

export default function CookiePage() {
  // Resolved on the server before the HTML streams out (deferStream) and serialised into the
  // page, so hydration starts from the very ID the server rendered: no mismatch.
  const initialId = createAsync(() => readShopCookie(), { deferStream: true });
  return (
    <Show when={initialId() !== undefined}>
      <SessionProvider storage={cookieBackend()} key="shop" initialId={initialId()}>
        <Shop title="Cookie (server-rendered ID)" />
      </SessionProvider>
    </Show>
  );
}
