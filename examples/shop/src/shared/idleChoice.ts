import type { SessionLifetime } from "@sessionid/core";
import { sessionLifetime } from "@sessionid/core/lifetime";
import { logOut } from "./api.ts";
import { notices } from "./notices.ts";

/** The idle timeouts a page can run with, chosen with `?idle=<minutes>` in its URL (none when absent). */
export const idleChoices = {
  off: "No idle timeout",
  "1": "Ends after 1 idle minute",
  "15": "Ends after 15 idle minutes",
} as const;

export type IdleChoice = keyof typeof idleChoices;

/** The minutes `?idle=` asks for (any positive number: the tests use seconds' worth), or "off". */
export const idleChoice = (search: string = location.search): string => {
  const minutes = Number(new URLSearchParams(search).get("idle"));
  return minutes > 0 ? String(minutes) : "off";
};

/** The idle menu's options: the choices, and the page's own when `?idle=` asked for another. */
export const idleOptions = (current: string = idleChoice()): [string, string][] => [
  ...Object.entries(idleChoices),
  ...(current in idleChoices ? [] : [[current, `Ends after ${current} idle minutes`] as [string, string]]),
];

/**
 * The page's session lifetime: always one, so a session the server ended (410, "end all
 * sessions") rotates once across tabs; with an idle timeout, the server is told when it ends
 * (log-out semantics: the cart of the expired session is deleted, nothing moves).
 */
export const lifetimeFor = (choice: string = idleChoice()): SessionLifetime =>
  sessionLifetime(
    choice == "off"
      ? {}
      : {
          idleTimeout: Number(choice) * 60_000,
          onExpire: (expired, next, signal) => {
            notices.expired();
            return logOut(next, expired, signal);
          },
        },
  );

/** Reloads the page with another idle timeout: a session is made once per page load. */
export const switchIdle = (choice: string): void => {
  const url = new URL(location.href);
  if (choice == "off") url.searchParams.delete("idle");
  else url.searchParams.set("idle", choice);
  location.assign(url);
};
