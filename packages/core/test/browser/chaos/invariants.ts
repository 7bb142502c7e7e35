// The invariants, checked over what the pages logged. Each violation is one line starting with
// the invariant's name (I1…I7), with IDs shortened to their first 6 characters.
import type { ChaosEvent } from "./agent.ts";
import type { RunResult } from "./runner.ts";

const short = (id: unknown) => (typeof id == "string" ? id.slice(0, 6) : String(id));

interface Observation {
  doc: string;
  tab: string;
  t: number;
  seq: number;
  id: string;
}

interface Refresh {
  rid: string;
  doc: string;
  tab: string;
  callback: string;
  next?: string;
  previous?: string | null;
  settled?: ChaosEvent;
  duplicateMove?: boolean;
  t: number;
}

/** Which tab each document belonged to (away pages belong to none). */
export const tabsOfDocs = (result: RunResult) => {
  const tabOf = new Map<string, string>();
  for (const tab of result.tabs) for (const doc of tab.docs) tabOf.set(doc, tab.name);
  // Documents Node never saw (the browser reloaded a tab by itself) carry their tab's window.name.
  for (const event of result.events)
    if (event.type == "loaded" && !tabOf.has(event.doc) && typeof event.tab == "string" && result.tabs.some((t) => t.name == event.tab))
      if (!new URLSearchParams(String(event.url).split("?")[1]).has("away")) tabOf.set(event.doc, event.tab);
  return tabOf;
};

export const check = (result: RunResult): string[] => {
  const out: string[] = [...result.problems];
  const browserWide = result.schedule.backend != "session";
  const tabOf = tabsOfDocs(result);
  const byDoc = new Map<string, ChaosEvent[]>();
  for (const event of result.events) {
    let list = byDoc.get(event.doc);
    if (!list) byDoc.set(event.doc, (list = []));
    list.push(event);
  }
  for (const list of byDoc.values()) list.sort((a, b) => a.seq - b.seq);
  const name = (doc: string) => `${tabOf.get(doc) ?? "?"}/${doc.slice(0, 4)}`;

  // Every ID any page saw, anywhere.
  const allIds = new Set<string>();
  const add = (value: unknown) => typeof value == "string" && value.length >= 16 && !value.includes(" ") && allIds.add(value);
  for (const event of result.events) {
    if (event.type == "onError" || event.type == "console" || event.type == "uncaught") continue;
    for (const field of ["id", "next", "previous", "stored", "get"]) add(event[field]);
  }
  for (const read of result.final) add(read.get), add(read.stored);

  // What each document held, in its order.
  const observations: Observation[] = [];
  const perDoc = new Map<string, Observation[]>();
  for (const [doc, list] of byDoc) {
    const tab = tabOf.get(doc);
    if (!tab) continue;
    const seen: Observation[] = [];
    for (const event of list) {
      const id = event.type == "storage" ? event.get : event.type == "get" || event.type == "heard" || event.type == "started" ? event.id : undefined;
      if (typeof id == "string") seen.push({ doc, tab, t: event.t, seq: event.seq, id });
    }
    perDoc.set(doc, seen);
    observations.push(...seen);
  }
  const storedIds = new Set<string>();
  for (const event of result.events) if (event.type == "storage" && typeof event.stored == "string") storedIds.add(event.stored);
  for (const read of result.final) if (read.stored) storedIds.add(read.stored);

  // Refreshes and duplicate moves.
  const refreshes = new Map<string, Refresh>();
  // Events arrive in any order (one request each): take them in each document's own order.
  const ordered = [...byDoc.values()].flat();
  for (const event of ordered) {
    const tab = tabOf.get(event.doc) ?? "?";
    if (event.type == "refresh-called")
      refreshes.set(event.rid as string, { rid: event.rid as string, doc: event.doc, tab, callback: event.callback as string, t: event.t });
    else if (event.type == "refresh-callback") {
      const refresh = refreshes.get(event.rid as string);
      if (refresh) (refresh.next = event.next as string), (refresh.previous = event.previous as string | null);
    } else if (event.type == "refresh-resolved" || event.type == "refresh-rejected") {
      const refresh = refreshes.get(event.rid as string);
      if (refresh) refresh.settled = event;
    } else if (event.type == "duplicate-callback") {
      const rid = `dup:${event.doc.slice(0, 4)}:${event.seq}`;
      refreshes.set(rid, { rid, doc: event.doc, tab, callback: "onDuplicate", next: event.next as string, previous: event.previous as string, duplicateMove: true, t: event.t });
    }
  }
  const liveDocs = new Set(result.final.map((read) => read.doc));
  const adoptedElsewhere = (refresh: Refresh) =>
    !!refresh.next &&
    (storedIds.has(refresh.next) || observations.some((o) => o.id == refresh.next && (o.doc != refresh.doc || refresh.duplicateMove)));
  const committed: Refresh[] = [];
  for (const refresh of refreshes.values()) {
    if (refresh.duplicateMove) {
      if (adoptedElsewhere(refresh)) committed.push(refresh);
      continue;
    }
    const settled = refresh.settled;
    if (settled?.type == "refresh-resolved") {
      if (settled.id != refresh.next)
        out.push(`I2: ${refresh.rid} in ${name(refresh.doc)} resolved with ${short(settled.id)}, not the ${short(refresh.next)} its callback saw`);
      if (refresh.callback == "throw" || refresh.callback == "slow-throw") out.push(`I3: ${refresh.rid} resolved though its callback threw`);
      committed.push(refresh);
    } else if (settled?.type == "refresh-rejected") {
      // I3: nothing of a refresh that failed shows anywhere.
      if (refresh.next && (storedIds.has(refresh.next) || observations.some((o) => o.id == refresh.next))) {
        const where = observations.find((o) => o.id == refresh.next);
        out.push(
          `I3: ${refresh.rid} (${refresh.callback}) rejected (${settled.code ?? (settled.error as { message?: string })?.message}) but its next ${short(refresh.next)} ` +
            (where ? `was held by ${name(where.doc)}` : "was stored"),
        );
      }
    } else if (!liveDocs.has(refresh.doc)) {
      // Interrupted by a reload or close: committed only if its ID was taken up somewhere else.
      if (adoptedElsewhere(refresh)) committed.push(refresh);
    }
  }

  // I2: committed refreshes form one chain per scope (browser-wide: all tabs; per tab: each tab).
  const scopes = browserWide ? [result.tabs.map((t) => t.name)] : result.tabs.map((t) => [t.name]);
  for (const scope of scopes) {
    const inScope = (tab: string) => scope.includes(tab);
    const seen = observations.filter((o) => inScope(o.tab)).sort((a, b) => a.t - b.t || a.seq - b.seq);
    const commits = committed.filter((c) => inScope(c.tab)).sort((a, b) => a.t - b.t);
    const label = browserWide ? "" : ` (tab ${scope[0]})`;
    const tab = result.tabs.find((t) => t.name == scope[0])!;
    let start = seen[0]?.id;
    const move = commits.find((c) => c.duplicateMove);
    if (!browserWide && tab.duplicateOf && move) start = move.previous ?? start;
    if (!start) continue;
    const byPrevious = new Map<string, Refresh[]>();
    for (const commit of commits) {
      const key = commit.previous ?? "(none)";
      byPrevious.set(key, [...(byPrevious.get(key) ?? []), commit]);
    }
    for (const [previous, list] of byPrevious)
      if (list.length > 1)
        out.push(`I2${label}: committed refreshes ${list.map((c) => `${c.rid}@${name(c.doc)}`).join(", ")} share the previous ID ${short(previous)}`);
    const chain = [start];
    const onChain = new Set<Refresh>();
    for (let id = start, step; (step = byPrevious.get(id)?.find((c) => !onChain.has(c))); id = step.next!) {
      onChain.add(step);
      if (chain.includes(step.next!)) break;
      chain.push(step.next!);
    }
    for (const commit of commits)
      if (!onChain.has(commit))
        out.push(
          `I2${label}: committed ${commit.rid}@${name(commit.doc)} (${short(commit.previous)} -> ${short(commit.next)}) does not continue the chain ${chain.map(short).join(" -> ")}`,
        );
    const chainIds = new Set(chain);
    for (const commit of commits) chainIds.add(commit.next!);
    // A tab that starts while the key is removed or holds junk (before the other tabs wrote their
    // ID back) can only make a new one: allowed, as long as the tabs end on the chain (checked below).
    const removals = result.events.filter((e) => e.type == "storage-touched").map((e) => e.t);
    const startedInGap = (o: Observation) =>
      perDoc.get(o.doc)![0] == o && removals.some((t) => t <= o.t + 50 && o.t - t < 5_000);
    const stray = [...new Set(seen.map((o) => o.id))].filter((id) => !chainIds.has(id) && !startedInGap(seen.find((o) => o.id == id)!));
    for (const id of stray) {
      const first = seen.find((o) => o.id == id)!;
      out.push(`I2${label}: ${name(first.doc)} held ${short(id)}, which no committed refresh made (chain ${chain.map(short).join(" -> ")})`);
    }
    const finals = result.final.filter((read) => inScope(read.tab));
    const tail = chain.at(-1)!;
    for (const read of finals)
      if (read.get != tail || read.stored != tail)
        out.push(`I2${label}: after quiet ${read.tab} holds ${short(read.get)} and storage ${short(read.stored)}, not the last committed ID ${short(tail)} (chain ${chain.map(short).join(" -> ")})`);
  }

  // I2 (serialisation): a lock "timeout" long before the lock timeout (10 s) means a lock grant
  // was lost (as when it lands while the page is inside window.open) and the refresh ran unlocked.
  for (const [doc, list] of byDoc)
    for (const event of list) {
      if (event.type != "onError" || !/lock/.test(String(event.code))) continue;
      const called = list.filter((e) => e.type == "refresh-called" && e.seq < event.seq).at(-1);
      if (called && event.t - called.t < 9_000)
        out.push(`I2: ${name(doc)} reported ${event.code} ${event.t - called.t} ms after ${called.rid} asked for the lock (lockTimeout is 10 s): the refresh ran unserialised`);
    }

  // I1: after quiet, one ID everywhere (browser-wide); each tab agrees with its own storage (per tab).
  if (browserWide) {
    const values = new Set(result.final.flatMap((read) => [read.get, read.stored]));
    if (values.size > 1) out.push(`I1: after quiet tabs and storage hold ${result.final.map((r) => `${r.tab}=${short(r.get)}/${short(r.stored)}`).join(" ")}`);
  } else
    for (const read of result.final)
      if (read.get != read.stored) out.push(`I1: after quiet ${read.tab} holds ${short(read.get)} but its sessionStorage ${short(read.stored)}`);

  // I4: no ID in any onError error or console output (or a SessionError a refresh rejected with).
  const leaked = (text: string) => [...allIds].filter((id) => text.includes(id));
  for (const event of result.events) {
    if (event.type == "onError") {
      const found = leaked(JSON.stringify(event.error));
      if (found.length || (event.pageLeaks as string[]).length)
        out.push(`I4: onError (${event.code}) in ${name(event.doc)} contains the ID ${short(found[0] ?? (event.pageLeaks as string[])[0])}`);
    } else if (event.type == "console") {
      const found = leaked(String(event.text));
      if (found.length) out.push(`I4: console.${event.level} in ${name(event.doc)} printed the ID ${short(found[0])}`);
    } else if (event.type == "refresh-rejected" && event.code) {
      const found = leaked(JSON.stringify(event.error));
      if (found.length) out.push(`I4: ${event.rid} rejected with a ${event.code} error that contains the ID ${short(found[0])}`);
    }
  }

  // I5: nothing uncaught, and every session started.
  for (const event of result.events) {
    if (event.type == "uncaught") {
      const error = event.error as { message?: string } | string;
      out.push(`I5: ${event.kind} in ${name(event.doc)}: ${typeof error == "string" ? error : error?.message}`);
    } else if (event.type == "started" && event.id == null) out.push(`I5: the session in ${name(event.doc)} never got an ID (ready rejected)`);
  }

  // I7: a document never returns to an ID it has left.
  for (const [doc, seen] of perDoc) {
    const sequence: string[] = [];
    for (const o of seen) if (sequence.at(-1) != o.id) sequence.push(o.id);
    const left = new Set<string>();
    for (let i = 0; i < sequence.length; i++) {
      if (left.has(sequence[i]!)) {
        out.push(`I7: ${name(doc)} went back to ${short(sequence[i])}: ${sequence.map(short).join(" -> ")}`);
        break;
      }
      if (i > 0) left.add(sequence[i - 1]!);
    }
  }

  // I6: per tab, no two live tabs share an ID, and a tab keeps its ID across reloads and restores.
  if (!browserWide) {
    // When each document was alive: from its first event until it was left or its tab closed,
    // minus the time it sat in the back/forward cache.
    const lifeOf = (doc: string) => {
      const list = byDoc.get(doc) ?? [];
      let end = result.ended.get(doc) ?? Infinity;
      const hidden: [number, number][] = [];
      let hiddenAt: number | undefined;
      for (const event of list) {
        if (event.type == "pagehide" && event.persisted) hiddenAt = event.t;
        else if (event.type == "pageshow" && event.persisted && hiddenAt != null) hidden.push([hiddenAt, event.t]), (hiddenAt = undefined);
        else if (event.type == "pagehide") end = Math.min(end, event.t);
      }
      if (hiddenAt != null) hidden.push([hiddenAt, Infinity]);
      return { end, hidden };
    };
    type Held = { doc: string; tab: string; id: string; from: number; to: number };
    const held: Held[] = [];
    for (const [doc, seen] of perDoc) {
      const { end, hidden } = lifeOf(doc);
      for (let i = 0; i < seen.length; i++) {
        const from = seen[i]!.t;
        const to = Math.min(seen[i + 1]?.t ?? end, end);
        // Split around the hidden periods.
        let cursor = from;
        for (const [a, b] of hidden) {
          if (b <= cursor || a >= to) continue;
          if (a > cursor) held.push({ doc, tab: seen[i]!.tab, id: seen[i]!.id, from: cursor, to: a });
          cursor = Math.max(cursor, b);
        }
        if (cursor <= to) held.push({ doc, tab: seen[i]!.tab, id: seen[i]!.id, from: cursor, to });
      }
    }
    const reported = new Set<string>();
    for (const a of held)
      for (const b of held) {
        if (a.tab >= b.tab || a.id != b.id) continue;
        if (Math.max(a.from, b.from) <= Math.min(a.to, b.to)) {
          const key = `${a.tab}|${b.tab}|${a.id}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const copy = result.tabs.find((t) => (t.name == a.tab && t.duplicateOf == b.tab) || (t.name == b.tab && t.duplicateOf == a.tab));
          out.push(
            `I6: live tabs ${name(a.doc)} and ${name(b.doc)} both held ${short(a.id)}` +
              (copy ? ` (${copy.name} is a duplicate of ${copy.duplicateOf} and exposed its ID)` : ""),
          );
        }
      }
    for (const tab of result.tabs) {
      // The tab's documents in the order they were loaded.
      const docs = [...byDoc.keys()].filter((doc) => tabOf.get(doc) == tab.name).sort((a, b) => byDoc.get(a)![0]!.t - byDoc.get(b)![0]!.t);
      for (let i = 1; i < docs.length; i++) {
        const before = perDoc.get(docs[i - 1]!) ?? [];
        const after = perDoc.get(docs[i]!) ?? [];
        if (!before.length || !after.length) continue;
        if (before.at(-1)!.id != after[0]!.id)
          out.push(`I6: ${tab.name} left ${name(docs[i - 1]!)} on ${short(before.at(-1)!.id)} but its next document ${name(docs[i]!)} started on ${short(after[0]!.id)}`);
      }
    }
  }
  return [...new Set(out)];
};

/** A per-document digest of the log, for a failure report. */
export const timeline = (result: RunResult) => {
  const tabOf = tabsOfDocs(result);
  const t0 = Math.min(...result.events.map((e) => e.t));
  return [...result.events]
    .filter((e) => e.type != "loaded" && e.type != "created")
    .sort((a, b) => a.t - b.t || a.seq - b.seq)
    .map((e) => {
      const { run, doc, seq, t, type, ...rest } = e;
      const fields = Object.entries(rest)
        .map(([k, v]) => `${k}=${typeof v == "string" && v.length == 21 ? short(v) : typeof v == "object" && v ? JSON.stringify(v).slice(0, 160) : v}`)
        .join(" ");
      return `${String(t - t0).padStart(6)} ${(tabOf.get(doc) ?? "away").padEnd(4)} ${doc.slice(0, 4)}#${seq} ${type} ${fields}`;
    })
    .join("\n");
};
