import type { Moment } from "./activityClock.ts";
import { decodeActivity, notRead } from "./activityStore.ts";
import type { ActivityWriter } from "./activityWriter.ts";
import { isPromise } from "./isPromise.ts";
import type { LifetimeCore } from "./lifetimeCore.ts";
import type { SessionId } from "./types.ts";

/**
 * Returns `sync`, which reads what the shared record says of `id` (another tab's activity, an
 * earlier page of this tab's) into what this page knows, and writes it back where the record
 * lacks it. One read per ID at a time: a second `sync` of the same ID joins the first. Then
 * `reveal` runs, so an ID `get()` hid is shown once it is alive.
 *
 * @example
 * const sync = activitySync(core, writer, hidden.reveal);
 * if (!clock.knows(id)) await sync(id);
 */
export const activitySync = ({ session, store, validate, clock, disposed }: LifetimeCore, writer: ActivityWriter, reveal: () => void) => {
  let syncing: { id: SessionId; done: Promise<void> } | undefined;

  // What storage says of `id` (another tab, an earlier page of this tab), merged into what this
  // page knows. A new ID starts now.
  const apply = (id: SessionId, raw: unknown, asked: Moment) => {
    if (session.get() != id || disposed()) return;
    const known = clock.knows(id);
    writer.hold(id);
    // Storage gave no answer (reported): what this page knows stands, or, knowing nothing, it
    // starts now in memory; nothing is written over a record it could not read.
    if (raw === notRead) {
      if (!known) clock.fresh(id, asked);
      return;
    }
    writer.markAnswered(id);
    const stored = decodeActivity(raw, validate);
    if (stored?.id == id) {
      // This page may know later activity than the record (it was touched while storage gave no
      // answer): that goes in too.
      const ownActive = known ? clock.known()!.active : -Infinity;
      clock.merge(stored);
      if (ownActive > stored.active) writer.write();
      return;
    }
    if (!known) clock.fresh(id, asked);
    // Nothing, junk, or another ID's record: what this page knows goes in (write decides whether
    // another ID's record is newer and stays).
    writer.write();
  };

  return (id: SessionId): void | Promise<void> => {
    if (syncing?.id == id) return syncing.done;
    const asked: Moment = [Date.now(), performance.now()];
    const raw = store.read();
    if (!isPromise(raw)) {
      apply(id, raw, asked);
      reveal();
      return;
    }
    const done: Promise<void> = (raw as Promise<unknown>)
      .then((raw) => {
        apply(id, raw, asked);
        reveal();
      })
      .finally(() => {
        if (syncing?.done == done) syncing = undefined;
      });
    syncing = { id, done };
    return done;
  };
};
