import { since } from "./activityClock.ts";
import { decodeActivity, encodeActivity } from "./activityStore.ts";
import { isPromise } from "./isPromise.ts";
import type { LifetimeCore } from "./lifetimeCore.ts";
import { decodeStored, type StoredSession } from "./storedSession.ts";
import type { SessionId } from "./types.ts";

/**
 * How a page writes what it knows of the current ID's activity to the shared record, where other
 * tabs read it: merged with what storage holds, never over a record it could not read nor over a
 * newer ID's, and after activity at most once per `activityInterval`, the last activity after it.
 *
 * @example
 * const writer = activityWriter(core, (id) => sync(id));
 * writer.hold(id); // this page keeps activity for `id`
 * writer.markAnswered(id); // storage answered for `id`: its record may be written over
 * writer.writeSoon(); // after activity: now, or once `activityInterval` has passed
 */
export const activityWriter = (
  { backend, key, validate, store, clock, disposed, activityInterval }: LifetimeCore,
  reread: (id: SessionId) => unknown,
) => {
  // Every ID this page kept activity for: a record of one of them in storage is behind.
  const held = new Set<string>();
  // The ID whose record storage has answered for: until then nothing is written over a record
  // this page could not read (it may hold an older start, or activity of another tab).
  let answered: SessionId | undefined;
  // When this page last wrote its activity, on both clocks.
  let writtenWall = -Infinity;
  let writtenAt = -Infinity;
  let trailing: ReturnType<typeof setTimeout> | undefined;

  // While a trailing write waits, the page hiding or closing writes it at once: its timer dies
  // with the page, and the other tabs would count the session idle that much early. Listened to
  // only then, so a page with no subscribers (only sessionFetch, say) keeps its activity too.
  const onVisibility = () => document.visibilityState == "hidden" && write();
  const write = () => {
    if (trailing) {
      clearTimeout(trailing);
      trailing = undefined;
      globalThis.removeEventListener?.("pagehide", write);
      globalThis.document?.removeEventListener("visibilitychange", onVisibility);
    }
    const known = clock.known();
    if (!known || disposed()) return;
    writtenWall = Date.now();
    writtenAt = performance.now();
    // Storage has not answered for this ID (its read failed or timed out): nothing is written
    // over a record this page could not read, but it is read again, at most once per write,
    // so the page's activity reaches the other tabs once storage answers (else they would
    // expire a session this tab is using).
    if (answered != known.id) {
      reread(known.id);
      return;
    }
    // What storage holds is merged in first: another tab may have written later activity since
    // this page last read it, and a write of what this page knew would take that back.
    const id = known.id;
    const put = (current: StoredSession | undefined) =>
      store.write((raw) => {
        if (!clock.knows(id) || answered != id) return;
        const stored = decodeActivity(raw, validate);
        if (stored?.id == id) clock.merge(stored);
        // A record of another ID is newer only if the session's own key names another ID too
        // (a rotation this page has not heard of yet): that one is left alone. Otherwise it
        // is behind: this page's earlier ID, or one that outlived its ID (a copied tab's
        // record, a rotation whose page closed before writing its own).
        else if (stored && !held.has(stored.id) && current && current.id != id) return;
        return encodeActivity(clock.known()!);
      });
    try {
      const raw = backend.get(key);
      if (isPromise(raw)) void raw.then((raw) => put(decodeStored(raw, validate)), () => put(undefined));
      else put(decodeStored(raw, validate));
    } catch {
      // The key cannot be read (reported by the session): nothing says another ID is newer.
      put(undefined);
    }
  };

  return {
    /** Writes what this page knows now, if storage has answered for its ID. */
    write,
    /**
     * After activity: at most one write per activityInterval, and the last activity is written
     * after it. Both clocks count here too: after a sleep the monotonic one alone would hold the
     * write back while the other tabs' wall clocks say the session idled.
     */
    writeSoon() {
      const sinceWritten = since(writtenWall, writtenAt);
      if (sinceWritten >= activityInterval) write();
      else if (!trailing) {
        trailing = setTimeout(write, activityInterval - sinceWritten);
        // (None in React Native, a worker or a Node script: a timer is all there is.)
        globalThis.addEventListener?.("pagehide", write);
        globalThis.document?.addEventListener("visibilitychange", onVisibility);
      }
    },
    /**
     * Writes only this page's own activity still waiting for its trailing write: what it merely
     * read from storage may be older than what another tab has written since. Afterwards no
     * trailing write is pending, and nothing is listened to (on dispose).
     */
    flush() {
      if (trailing) write();
    },
    /** This page keeps activity for `id`: a record of it in storage is behind from now on. */
    hold(id: SessionId) {
      held.add(id);
    },
    /** Storage has answered for `id`: its record may be written over now. */
    markAnswered(id: SessionId) {
      answered = id;
    },
  };
};

/** What {@link activityWriter} returns. */
export type ActivityWriter = ReturnType<typeof activityWriter>;
