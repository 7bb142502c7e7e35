import type { LifetimeCore } from "./lifetimeCore.ts";
import { rotateFrom } from "./rotateFrom.ts";
import { SessionError } from "./SessionError.ts";
import type { SessionId } from "./types.ts";

/**
 * The check of the session's ID against its lifetime: it learns the ID's activity, and once the
 * ID has expired (after reading storage again: another tab may have been active) it rotates away
 * from it, `onExpire` first (once for the browser, with browser-wide storage). `check` runs one
 * check at a time (a second call joins the running one); `checked` gives the ID after a check of
 * its own.
 *
 * @example
 * const { check, checked } = expiryCheck(core, sync, hidden.reveal);
 * const id = await checked(); // alive, unless the rotation failed
 */
export const expiryCheck = (
  { session, clock, report, disposed, onExpire }: LifetimeCore,
  sync: (id: SessionId) => void | Promise<void>,
  reveal: () => void,
) => {
  let checking: Promise<SessionId> | undefined;

  // Rotates away from `id` if it is still the latest and still expired under the refresh lock.
  const expire = (id: SessionId) =>
    rotateFrom(session, id, async (next, signal) => {
      await sync(id);
      if (!clock.expired()) return false;
      try {
        await onExpire?.(id, next, signal);
      } catch (error) {
        if (!signal.aborted) report("expire-callback", error);
      }
    }).catch((error: unknown) => {
      // A page disposed while its check waited for the refresh queue has nothing to report.
      if (!disposed()) report(error instanceof SessionError ? error.code : "storage-unavailable", error);
    });

  const runCheck = async (): Promise<SessionId> => {
    let id = session.get() ?? (await session.ready());
    if (disposed()) return id;
    if (!clock.knows(id)) await sync(id);
    if (clock.expired()) {
      // Expired by what this page knows: another tab may have been active since.
      await sync(id);
      if (clock.expired()) await expire(id);
      id = session.get() ?? id;
      if (!clock.knows(id)) await sync(id);
    }
    return id;
  };
  const check = () => {
    checking ??= runCheck().finally(() => {
      checking = undefined;
      reveal();
    });
    return checking;
  };

  return {
    check,
    // The ID after a check of its own: a check that was already running may have ended before
    // the deadline, or on an ID the session has since left (a rotation in another tab, a log-in
    // here); then another, which may be joined too: three rounds at most, as IDs could keep moving.
    async checked() {
      for (let round = 0; ; round++) {
        const shared = !!checking;
        const id = await check();
        if (round == 2 || (id == session.get() && (clock.alive(id) || !shared))) return id;
      }
    },
  };
};
