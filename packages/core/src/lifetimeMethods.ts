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
import type { Session, SessionId } from "./types.ts";
import { wakeUps } from "./wakeUps.ts";

/** The error a call is rejected with when the server said its session ended (`session.end`). */
export const endedError = () => new SessionError("session-ended", messageFor("session-ended"));
const expiredError = () => new SessionError("session-expired", messageFor("session-expired"));

/**
 * A session with a lifetime, in a browser: the session's own methods, each first made sure of
 * the ID's activity (`get()` shows an ID not known alive yet as none, `ready()` and
 * `forRequest()` never give an expired one), plus `touch` and `end`. It builds the lifetime's
 * parts from `core` and checks while it has subscribers.
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
  let subscribers = 0;
  // What get() last showed a reader: where a new subscriber's count starts.
  let shown: SessionId | undefined;

  const methods: Session = {
    ...session,
    get() {
      const id = session.get();
      if (!id || disposed()) return (shown = id);
      // This page's own commit starts now (storage is read all the same, and the record
      // written); any other ID, with a sync backend, is read at once, so a first get() knows.
      if (!clock.knows(id)) {
        if (id === core.committing()) clock.fresh(id, [Date.now(), performance.now()]);
        void sync(id);
      }
      if (clock.alive(id)) return (shown = id);
      // Not known yet (an async backend's read), or expired: shown as no ID until checked, so
      // what reads get() (sessionArgs, a query's arguments) never sends an expired one.
      hidden.hide();
      void check().catch(() => {});
      return (shown = undefined);
    },
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
    subscribe(listener) {
      // Subscribers hear what get() shows, on every change of it: not the ID the session
      // announces while get() hides it (an async backend's stored ID, expired or not read yet;
      // another tab's new ID before its activity is read), but no ID then, and the ID once it
      // shows. Counted from what get() last showed (not a get() here, which could throw or
      // adopt a change no subscriber would then hear); until something is told, an ID shown
      // again after a check is told even if it is that, as the reader may have read get() while
      // it still hid it.
      let told = shown;
      let toldAny = false;
      let subscribed = true;
      const tell = (shownAgain?: boolean) => {
        // A subscriber removed by another's listener in the same round hears nothing more.
        if (!subscribed) return;
        const id = methods.get();
        if (id === told && !(shownAgain && !toldAny)) return;
        told = id;
        toldAny = true;
        listener(id);
      };
      const stop = session.subscribe(() => tell());
      const unlisten = hidden.listen(() => tell(true));
      if (!subscribers++ && !disposed()) live.start();
      return () => {
        if (!subscribed) return;
        subscribed = false;
        unlisten();
        stop();
        if (!--subscribers) live.stop();
      };
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
  return methods;
};
