// The page both tabs load (bundled by esbuild, served on 127.0.0.1). ../lib/browser.mjs calls
// `window.bench.*` in each engine through test-shared/browsers; times are performance.timeOrigin + performance.now(),
// one clock for every tab of the browser. No session ID ever leaves the page.
import { createSession, localStorageBackend, sessionStorageBackend } from "@sessionid/core";
import { cookieBackend } from "@sessionid/core/cookie";
import { indexedDBBackend } from "@sessionid/core/indexeddb";
import { createStore, get, set } from "idb-keyval";

const now = () => performance.timeOrigin + performance.now();
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const storages = {
  local: () => localStorageBackend(),
  indexeddb: () => indexedDBBackend({ dbName: "bench-tabs" }),
  cookie: () => cookieBackend(),
};

let session;
let heard = [];
let waiting;

window.bench = {
  /** Opens this tab's session on a shared backend, and records when it hears a change. */
  async open(kind) {
    session?.dispose();
    heard = [];
    session = createSession({ storage: storages[kind](), key: `tabs-${kind}` });
    await session.ready();
    session.subscribe(() => {
      heard.push(now());
      if (waiting && heard.length >= waiting.count) waiting.resolve(), (waiting = undefined);
    });
  },
  /** Rotates the ID; answers when the rotation started. */
  async rotate() {
    const start = now();
    await session.refresh();
    return start;
  },
  /** How many changes this tab has heard since `open`. */
  heardCount: () => heard.length,
  /** Resolves with the time this tab heard its `count`-th change. */
  heard(count) {
    if (heard.length >= count) return heard[count - 1];
    return new Promise((resolve) => (waiting = { count, resolve })).then(() => heard[count - 1]);
  },

  /**
   * Time to a known ID with IndexedDB (a returning visitor: the database and the ID exist), beside
   * a raw idb-keyval `get` of a stored value: both open their own connection each time.
   */
  async indexedDBReady(rounds) {
    const raw = createStore("bench-raw", "kv");
    await set("id", "x".repeat(21), raw);
    const warm = createSession({ storage: indexedDBBackend({ dbName: "bench-ready" }), key: "ready" });
    await warm.ready();
    warm.dispose();
    const ours = [];
    const baseline = [];
    const measureOurs = async () => {
      const start = performance.now();
      const s = createSession({ storage: indexedDBBackend({ dbName: "bench-ready" }), key: "ready" });
      await s.ready();
      ours.push(performance.now() - start);
      s.dispose();
    };
    const measureRaw = async () => {
      const start = performance.now();
      await get("id", createStore("bench-raw", "kv"));
      baseline.push(performance.now() - start);
    };
    // Alternate which goes first, so neither always gets the warmer engine.
    for (let round = 0; round < rounds; round++)
      if (round % 2) await measureOurs(), await measureRaw();
      else await measureRaw(), await measureOurs();
    return { ours: median(ours), baseline: median(baseline) };
  },

  /** Nanoseconds per `session.get()` beside `sessionStorage.getItem` of the same key. */
  getCost(iterations, rounds) {
    const s = createSession({ storage: sessionStorageBackend(), key: "cost" });
    let sink = 0;
    const ours = [];
    const baseline = [];
    for (let round = 0; round < rounds; round++) {
      let start = performance.now();
      for (let i = 0; i < iterations; i++) sink += s.get().length;
      ours.push(((performance.now() - start) * 1e6) / iterations);
      start = performance.now();
      for (let i = 0; i < iterations; i++) sink += sessionStorage.getItem("cost").length;
      baseline.push(((performance.now() - start) * 1e6) / iterations);
    }
    s.dispose();
    // `sink` keeps the loops from being optimised away.
    return { ours: median(ours), baseline: median(baseline), sink: sink > 0 };
  },
};
