// The page side of the chaos test: one document of one tab. It starts a session with the backend
// named in the URL and reports every event to the Vite server (POST /chaos-log), so Node needs no
// binding into the page (Firefox and WebKit drivers have none). Node drives it through
// `window.chaos` with plain evaluate calls.
import "../fixture.ts";
import type { Session } from "../../../src/index.ts";

export type Backend = "session" | "local" | "indexeddb" | "cookie";
export type Callback = "fast" | "slow" | "throw" | "slow-throw";

/** One logged event; `t` is Date.now() in the page, `seq` orders one document's events. */
export interface ChaosEvent {
  run: string;
  doc: string;
  seq: number;
  t: number;
  type:
    | "loaded" | "away" | "created" | "started" | "heard" | "get" | "pageshow" | "pagehide" | "freeze" | "resume"
    | "refresh-called" | "refresh-callback" | "refresh-resolved" | "refresh-rejected"
    | "duplicate-callback" | "onError" | "console" | "uncaught" | "storage" | "storage-touched";
  [field: string]: unknown;
}

export interface SerializedError {
  name?: string;
  code?: string;
  message: string;
  stack: string;
  cause?: SerializedError | string | null;
}

const query = new URLSearchParams(location.search);
const run = query.get("run") ?? "none";
const backendName = (query.get("backend") ?? "session") as Backend;
const key = query.get("key") ?? "sessionid";
const doc = crypto.randomUUID();
let seq = 0;
// Every ID this document has seen: an onError report is checked against them here, and in Node
// against every ID any tab saw.
const known = new Set<string>();

const send = (type: ChaosEvent["type"], data: Record<string, unknown> = {}) => {
  const event = { run, doc, seq: seq++, t: Date.now(), type, ...data };
  // keepalive: the request outlives a reload or a closed tab.
  fetch("/chaos-log", { method: "POST", body: JSON.stringify(event), keepalive: true }).catch(() => {});
};

const serialize = (error: unknown, depth = 0): SerializedError | string | null => {
  if (error == null) return null;
  if (typeof error != "object") return String(error);
  const e = error as { name?: unknown; code?: unknown; message?: unknown; stack?: unknown; cause?: unknown };
  return {
    name: String(e.name ?? ""),
    code: e.code == null ? undefined : String(e.code),
    message: String(e.message ?? ""),
    stack: String(e.stack ?? ""),
    cause: depth < 6 ? serialize(e.cause, depth + 1) : "(cause chain cut)",
  };
};
const text = (values: unknown[]) =>
  values.map((value) => (typeof value == "string" ? value : JSON.stringify(serialize(value)) ?? String(value))).join(" ");
const leaks = (value: string) => [...known].filter((id) => value.includes(id));

// Before anything else: console output and uncaught errors of this document.
for (const level of ["log", "info", "warn", "error", "debug", "trace"] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    send("console", { level, text: text(args) });
    original(...args);
  };
}
addEventListener("error", (event) => send("uncaught", { kind: "error", error: serialize(event.error ?? event.message) }));
addEventListener("unhandledrejection", (event) => send("uncaught", { kind: "unhandledrejection", error: serialize(event.reason) }));
addEventListener("pageshow", (event) => send("pageshow", { persisted: event.persisted }));
addEventListener("pagehide", (event) => send("pagehide", { persisted: event.persisted }));
// Page Lifecycle (Chromium): when the page itself saw that it was frozen and resumed.
document.addEventListener("freeze", () => send("freeze"));
document.addEventListener("resume", () => send("resume"));

const backendOf = (name: Backend) => {
  const { sessionStorageBackend, localStorageBackend, indexedDBBackend, cookieBackend } = window.sessionid;
  return name == "session"
    ? sessionStorageBackend()
    : name == "local"
      ? localStorageBackend()
      : name == "indexeddb"
        ? indexedDBBackend()
        : cookieBackend();
};

/**
 * The ID under the key now, read with a backend of its own (not the session's). A stored value
 * may carry a suffix after the ID (`<id>.<generation>`): the ID is what counts here.
 */
const readStorage = async () => {
  const value = (await backendOf(backendName).get(key)) ?? null;
  const versioned = value == null ? null : /^(.+)\.[0-9a-z]{1,8}$/.exec(value);
  return versioned && window.sessionid.isSessionId(versioned[1]!) ? versioned[1]! : value;
};

interface Chaos {
  doc: string;
  away: boolean;
  started: boolean;
  seq: () => number;
  session?: Session;
  /** `open`: also window.open() this page, in the task after the call ("start") or after the commit ("commit"). */
  refresh(rid: string, callback: Callback, ms: number, open?: "start" | "commit"): void;
  /**
   * The page's next window.open() call (the driver's `tab.openFromPage`) starts this refresh
   * instead, and the refresh opens the window itself at its start or commit: so the driver adopts
   * as the duplicate the window the refresh opened, at the moment the schedule asked for.
   */
  openWithRefresh(refresh: { rid: string; callback: Callback; ms: number; open: "start" | "commit" }): void;
  longTask(ms: number): void;
  remove(): Promise<void>;
  junk(): Promise<void>;
  read(): Promise<{ get: string | null; stored: string | null }>;
}

declare global {
  interface Window {
    chaos: Chaos;
  }
}

const chaos: Chaos = {
  doc,
  away: query.has("away"),
  started: false,
  seq: () => seq,
  refresh(rid, callback, ms, open) {
    const session = chaos.session!;
    send("refresh-called", { rid, callback, ms });
    let opened = !open;
    const duplicate = () => opened || ((opened = true), setTimeout(() => window.open(location.href)));
    let next: string | undefined;
    if (open == "start") duplicate();
    // As an app opening a tab once the session moved: right when subscribers hear the commit,
    // while the commit's own lock requests are still in flight.
    const stop = open == "commit" ? session.subscribe((id) => id == next && (stop(), duplicate())) : () => {};
    // A refresh that fails commits nothing: open the tab anyway.
    const settle = () => (stop(), duplicate());
    session
      .refresh(async (nextId, previous) => {
        next = nextId;
        known.add(nextId);
        if (previous) known.add(previous);
        send("refresh-callback", { rid, next: nextId, previous: previous ?? null });
        if (callback == "slow" || callback == "slow-throw") await new Promise((resolve) => setTimeout(resolve, ms));
        if (callback == "throw" || callback == "slow-throw") throw new Error("chaos: this refresh callback throws on purpose");
      })
      .then(
        (id) => send("refresh-resolved", { rid, id }),
        (error: { code?: string }) => (send("refresh-rejected", { rid, code: error?.code ?? null, error: serialize(error) }), settle()),
      );
  },
  openWithRefresh({ rid, callback, ms, open }) {
    const original = window.open;
    window.open = () => {
      window.open = original;
      chaos.refresh(rid, callback, ms, open);
      return null;
    };
  },
  longTask(ms) {
    setTimeout(() => {
      const end = Date.now() + ms;
      while (Date.now() < end);
    });
  },
  async remove() {
    send("storage-touched", { how: "remove" });
    if (backendName == "local") localStorage.removeItem(key);
    else await backendOf(backendName).remove(key);
  },
  async junk() {
    send("storage-touched", { how: "junk" });
    if (backendName == "local") localStorage.setItem(key, "junk: not a session id");
    else await backendOf(backendName).set(key, "junk: not a session id");
  },
  async read() {
    const stored = await readStorage();
    if (stored) known.add(stored);
    const got = chaos.session?.get() ?? null;
    send("storage", { stored, get: got });
    return { get: got, stored };
  },
};
window.chaos = chaos;
// window.name survives a reload and a same-origin navigation in one tab (Node names each tab once):
// a document the browser itself reloads (a frozen tab on resume) is still known as its tab's.
send("loaded", { url: location.pathname + location.search, backend: backendName, tab: window.name });

if (chaos.away) send("away");
else {
  // WebKit sends storage events only to a tab that has read localStorage: touch it first.
  if (backendName == "local") localStorage.getItem(key);
  const { createSession } = window.sessionid;
  let last: string | undefined;
  const observe = (type: "get" | "heard", id: string | undefined) => {
    if (id) known.add(id);
    if (type == "heard" || id !== last) send(type, { id: id ?? null });
    if (type == "get") last = id;
  };
  const session = createSession({
    storage: backendOf(backendName),
    key,
    onError(error) {
      const serialized = serialize(error);
      const json = JSON.stringify(serialized);
      send("onError", { code: (error as { code?: string }).code ?? null, error: serialized, pageLeaks: leaks(json) });
    },
    onDuplicate(next, previous) {
      known.add(next);
      known.add(previous);
      send("duplicate-callback", { next, previous });
    },
  });
  chaos.session = session;
  session.subscribe((id) => observe("heard", id));
  send("created");
  // What get() shows at once (a sync backend has the ID here), then every change of it.
  observe("get", session.get());
  setInterval(() => observe("get", session.get()), 15);
  session.ready().then(
    (id) => {
      observe("get", session.get());
      chaos.started = true;
      send("started", { id });
    },
    (error) => send("started", { id: null, error: serialize(error) }),
  );
}
