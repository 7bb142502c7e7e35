import type { HiddenId } from "./hiddenId.ts";
import type { LifetimeCore } from "./lifetimeCore.ts";
import type { SessionId } from "./types.ts";
import type { WakeUps } from "./wakeUps.ts";

/**
 * What a session with a lifetime shows: `get()` gives the ID only once its activity says it is
 * alive (an ID not known yet, or expired, is shown as none and checked), and `subscribe()`
 * tells each listener every change of what `get()` shows, while `live` checks the session for
 * as long as it has subscribers.
 *
 * @example
 * const { get, subscribe } = shownId(core, sync, check, hidden, live);
 * get(); // undefined until the ID's activity is read, then the ID
 */
export const shownId = (
  { session, clock, disposed, committing }: LifetimeCore,
  sync: (id: SessionId) => unknown,
  check: () => Promise<SessionId>,
  hidden: HiddenId,
  live: WakeUps,
) => {
  let subscribers = 0;
  // What get() last showed a reader: where a new subscriber's count starts.
  let shown: SessionId | undefined;

  const get = (): SessionId | undefined => {
    const id = session.get();
    if (!id || disposed()) return (shown = id);
    // This page's own commit starts now (storage is read all the same, and the record
    // written); any other ID, with a sync backend, is read at once, so a first get() knows.
    if (!clock.knows(id)) {
      if (id === committing()) clock.fresh(id, [Date.now(), performance.now()]);
      void sync(id);
    }
    if (clock.alive(id)) return (shown = id);
    // Not known yet (an async backend's read), or expired: shown as no ID until checked, so
    // what reads get() (sessionArgs, a query's arguments) never sends an expired one.
    hidden.hide();
    void check().catch(() => {});
    return (shown = undefined);
  };

  const subscribe = (listener: (id: SessionId | undefined) => void) => {
    // Subscribers hear what get() shows, on every change of it: not the ID the session
    // announces while get() hides it (an async backend's stored ID, expired or not read yet;
    // another tab's new ID before its activity is read), but no ID then, and the ID once it
    // shows. Counted from what get() last showed (not a get() here, which could throw or adopt
    // a change no subscriber would then hear); until something is told, an ID shown again after
    // a check is told even if it is that, as the reader may have read get() while it still hid
    // it.
    let told = shown;
    let toldAny = false;
    let subscribed = true;
    const tell = (shownAgain?: boolean) => {
      // A subscriber removed by another's listener in the same round hears nothing more.
      if (!subscribed) return;
      const id = get();
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
  };

  return { get, subscribe };
};
