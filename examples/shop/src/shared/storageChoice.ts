import { localStorageBackend, sessionStorageBackend, type SessionOptions, type StorageBackend } from "@sessionid/core";
import { cookieBackend } from "@sessionid/core/cookie";
import { indexedDBBackend } from "@sessionid/core/indexeddb";
import { lifetimeFor } from "./idleChoice.ts";
import { notices } from "./notices.ts";

/** The storage backends a page can run on, chosen with `?storage=` in its URL. */
export const storageChoices = {
  session: "Per tab (sessionStorage)",
  local: "Per browser (localStorage)",
  indexeddb: "Per browser (IndexedDB)",
  cookie: "Per browser (cookie)",
} as const;

export type StorageChoice = keyof typeof storageChoices;

/** The backend named by `?storage=` (per tab when absent or unknown). */
export const storageChoice = (search: string = location.search): StorageChoice => {
  const name = new URLSearchParams(search).get("storage");
  return name != null && name in storageChoices ? (name as StorageChoice) : "session";
};

/** Makes each choice's backend: a value, imported by name, so a page ships only what it uses. */
const backends: Record<StorageChoice, () => StorageBackend> = {
  session: () => sessionStorageBackend(),
  local: () => localStorageBackend(),
  indexeddb: () => indexedDBBackend({ dbName: "shop" }),
  cookie: () => cookieBackend(),
};

/**
 * The options every page hands its adapter's provider: one key, the chosen backend,
 * `onDuplicate`, so the page can say why a copied tab's cart is empty, and the lifetime (`?idle=`).
 */
export const sessionOptions = (choice: StorageChoice = storageChoice()): SessionOptions => ({
  key: "shop",
  storage: backends[choice](),
  onDuplicate: notices.onDuplicate,
  lifetime: lifetimeFor(),
});

/** Reloads the page on another backend: a session is made once per page load. */
export const switchStorage = (choice: StorageChoice): void => {
  const url = new URL(location.href);
  url.searchParams.set("storage", choice);
  location.assign(url);
};

/** A link to another page of the shop on the same backend. */
export const pageHref = (page: string): string => `/${page}${location.search}`;

/** The pages, for the navigation bar. */
export const shopPages = [
  ["vanilla", "Vanilla"],
  ["react", "React"],
  ["vue", "Vue"],
  ["svelte", "Svelte"],
  ["solid", "Solid"],
] as const;

/** Enough of an ID to tell two apart on screen; the whole ID never goes into the page. */
export const shortId = (id: string | undefined): string => (id ? `${id.slice(0, 6)}…` : "loading…");
