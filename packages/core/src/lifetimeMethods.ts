import { messageFor } from "#messages";
import { encodeActivity } from "./activityStore.ts";
import { activitySync } from "./activitySync.ts";
import { activityTouch } from "./activityTouch.ts";
import { activityWriter } from "./activityWriter.ts";
import { expiryCheck } from "./expiryCheck.ts";
import { hiddenId } from "./hiddenId.ts";
import type { LifetimeCore } from "./lifetimeCore.ts";
import { rotateFrom } from "./rotateFrom.ts";
import { SessionError } from "./SessionError.ts";
import { shownId } from "./shownId.ts";
import type { Session } from "./types.ts";
import { wakeUps } from "./wakeUps.ts";

/** The error a call is rejected with when the server said its session ended (`session.end`). */
export const endedError = () => new SessionError("session-ended", messageFor("session-ended"));
const expiredError = () => new SessionError("session-expired", messageFor("session-expired"));

/**
 * A session with a lifetime, in a browser: the session's own methods, each first made sure of
 * the ID's activity (`get()` and `subscribe()` show an ID not known alive yet as none: see
 * shownId; `ready()` and `forRequest()` never give an expired one), plus `touch` and `end`. It
 * builds the lifetime's parts from `core` and checks while it has subscribers.
 *
 * @example
 * const session = lifetimeMethods(core);
 * await session.forRequest(); // the ID to send, counted as activity
 */
export const lifetimeMethods = (core: LifetimeCore): Session => {
  const { session, store, clock, disposed } = core;
  // The writer asks for a read again when storage never answered (sync is made just below).
  const writer = activityWriter(core, (id) => sync(id));
  const hidden = hiddenId(core);
  const sync = activitySync(core, writer, hidden.reveal);
  const { check, checked } = expiryCheck(core, sync, hidden.reveal);
  const live = wakeUps(core, check);
  const touch = activityTouch(core, check, writer);
  const { get, subscribe } = shownId(core, sync, check, hidden, live);

  return {
    ...session,
    get,
    subscribe,
    // Like forRequest, never an expired ID, but not counted as activity.
    async ready() {
      const id = await checked();
      if (!clock.alive(id)) throw expiredError();
      return id;
    },
    // The new ID's age starts at its commit, not at its first use.
    async refresh(beforeCommit) {
      const id = await session.refresh(beforeCommit);
      // A page disposed while the callback ran still commits; its new ID's age starts now too.
      if (disposed()) {
        const now = Date.now();
        store.write(() => encodeActivity({ id, started: now, active: now }));
      } else await sync(id);
      return id;
    },
    async forRequest() {
      const id = await checked();
      if (!clock.alive(id)) throw expiredError();
      touch();
      return id;
    },
    touch,
    async end(sent) {
      try {
        await rotateFrom(session, sent);
      } catch (error) {
        return error instanceof SessionError ? error : endedError();
      }
      const id = session.get();
      if (id && !clock.knows(id)) await sync(id);
      return endedError();
    },
    dispose() {
      // Leaves no trailing write behind: what this page still owed the record is written now (if
      // storage has answered for its ID; else nothing is written over a record it could not read).
      writer.flush();
      core.markDisposed();
      live.stop();
      hidden.clear();
      session.dispose();
    },
  };
};
