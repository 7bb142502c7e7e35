/** What every page says after each flow, so the five pages read the same. */
export const messages = {
  loggedIn: (name: string) => `Logged in as ${name}: your cart moved to a new session ID.`,
  loggedOut: "Logged out: this tab has a new session ID and an empty cart.",
  endedAll: (count: number) => `Ended ${count} ${count == 1 ? "session" : "sessions"} of this user: this tab has a new session ID.`,
  endedElsewhere: "This session was ended on the server (log out everywhere): a new session ID was started.",
  refreshed: "The session ID was refreshed; the old one keeps its cart on the server.",
  otherTabLoggedIn: (name: string) => `Another tab logged in as ${name}: this tab follows it to the new session.`,
  otherTabLoggedOut: "Another tab logged out: this tab follows it to a new session with an empty cart.",
  copiedTab: "This tab was opened as a copy of another tab, so it has its own session (and an empty cart).",
  expired: "The session was idle too long and ended: this tab has a new session ID and an empty cart.",
  refreshAborted: "The refresh callback failed, so the refresh was aborted: the session ID did not change.",
};
