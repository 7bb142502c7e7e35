import type { Session, SessionId } from "@sessionid/core";
import { messages } from "./messages.ts";

/**
 * The notices a page shows about what happened to its session without this tab doing it: another
 * tab logged in or out (a per-browser backend follows that tab's rotation), or this tab was
 * opened as a copy of another and moved to a session of its own (core's `onDuplicate`). One per
 * page load, shared by the page's session options and its component.
 */
export const createNotices = () => {
  let say: ((text: string) => void) | undefined;
  let pending: string | undefined;
  let ownRefreshes = 0;
  let movingCopy = false;
  let followedOtherTab = false;
  // This tab started a change of session (its own refresh, a copy's move): the next change of user is its own.
  let ownChange = false;
  let lastUser: string | null | undefined;
  const tell = (text: string) => (say ? say(text) : (pending = text));
  return {
    /** core's `onDuplicate`: the move it starts is this tab's own, and the page says why the cart is empty. */
    onDuplicate: (_next: SessionId, _previous: SessionId) => {
      movingCopy = true;
      ownChange = true;
      tell(messages.copiedTab);
    },
    /** The session's idle timeout ended it here (core's `onExpire`): its rotation is this tab's own. */
    expired: () => {
      movingCopy = true;
      ownChange = true;
      tell(messages.expired);
    },
    /** Starts hearing `session`'s rotations; `show` puts a notice on the page. Returns the stop. */
    listen(session: Session, show: (text: string) => void): () => void {
      say = show;
      if (pending) show(pending);
      pending = undefined;
      const stop = session.subscribe(() => {
        // Listeners run when a rotation commits: inside this tab's own refresh, or not at all for it.
        if (movingCopy) movingCopy = false;
        else if (!ownRefreshes) followedOtherTab = true;
      });
      return () => {
        stop();
        say = undefined;
      };
    },
    /** Runs one of this tab's own refreshes (log-in, log-out, …): its rotation is not another tab's. */
    async own<T>(refresh: () => Promise<T>): Promise<T> {
      ownRefreshes++;
      // What this tab does itself is no other tab's doing, whatever was followed before.
      followedOtherTab = false;
      ownChange = true;
      try {
        return await refresh();
      } finally {
        ownRefreshes--;
      }
    },
    /** Every cart the page shows: after following another tab, a change of user is announced. */
    cart(user: string | null): void {
      const before = lastUser;
      // Only a change of user consumes the followed rotation: a cart read of the old ID that was
      // under way when the rotation arrived shows the old user and must not swallow the notice.
      if (before === undefined || before === user) {
        lastUser = user;
      } else if (followedOtherTab) {
        followedOtherTab = false;
        ownChange = false;
        lastUser = user;
        tell(user ? messages.otherTabLoggedIn(user) : messages.otherTabLoggedOut);
      } else if (ownRefreshes || ownChange) {
        ownChange = false;
        lastUser = user;
      }
      // Else neither followed nor this tab's own: another tab logged out (or in) on the server before
      // committing its rotation, and this tab's poll of that ID saw it first. The user shown
      // before stays what the rotation, once followed, is compared with, so it is announced.
    },
  };
};

/** This page load's notices. */
export const notices = createNotices();
