// examples/nuxt/app/plugins/session.ts
import { cookieBackend, readSessionCookie } from "@sessionid/core/cookie";
import { sessionPlugin } from "@sessionid/vue";

// The app's session: the "shop" cookie, which the server can read, so it renders the same ID the
// browser has. Nuxt runs plugins once per request on the server: each request gets its own session.
export default defineNuxtPlugin((nuxtApp) => {
  // Only the validated ID goes into the payload, never the Cookie header (it holds every cookie of
  // the request). The client hydrates with this same ID, so its first render matches the server's.
  const initialId = useState("shop-session-id", () => readSessionCookie(useRequestHeaders(["cookie"]).cookie, "shop"));
  nuxtApp.vueApp.use(sessionPlugin({ storage: cookieBackend(), key: "shop", initialId: initialId.value }));
});
