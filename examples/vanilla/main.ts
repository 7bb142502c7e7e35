import { createSession, type StorageBackend } from "@sessionid/core";
import { cookieBackend } from "@sessionid/core/cookie";
import { indexedDBBackend } from "@sessionid/core/indexeddb";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const choice = new URLSearchParams(location.search).get("storage") ?? "session";
const backends: Record<string, () => "session" | "local" | StorageBackend> = {
  session: () => "session",
  local: () => "local",
  indexeddb: () => indexedDBBackend(),
  cookie: () => cookieBackend(),
};
const log = (text: string) => ($("log").textContent = text);

const session = createSession({
  storage: (backends[choice] ?? backends.session!)(),
  onError: (error) => log(`onError: ${error.code} — ${error.message}`),
  onDuplicate: () => log("This tab was a duplicate of another open tab, so it moved to a new ID."),
});
const show = (id = session.get()) => ($("id").textContent = id ?? "loading…");
show();
session.subscribe(show);

$<HTMLSelectElement>("storage").value = choice;
$<HTMLSelectElement>("storage").onchange = (event) => {
  location.search = `?storage=${(event.target as HTMLSelectElement).value}`;
};
$("refresh").onclick = async () => {
  const fail = $<HTMLInputElement>("fail").checked;
  try {
    await session.refresh(async () => {
      // Here an app would move server data from the previous ID to the next one.
      if (fail) throw new Error("the server refused the transfer");
    });
    log("Rotated.");
  } catch (error) {
    log(`Refresh aborted (${(error as Error).message}); the old ID stays.`);
  }
};
$("open").onclick = () => window.open(location.href, "_blank");
