// The notices a page shows about what another tab did (src/shared/notices.ts), driven in the
// order a tab sees things: carts from its poll, and the rotations it follows.
import type { Session } from "@sessionid/core";
import { describe, expect, it } from "vitest";
import { messages } from "../src/shared/messages.ts";
import { createNotices } from "../src/shared/notices.ts";

/** A page's notices on a session whose rotations the test makes happen (`rotate`). */
const page = () => {
  const listeners: (() => void)[] = [];
  const session = { subscribe: (listener: () => void) => (listeners.push(listener), () => {}) } as unknown as Session;
  const shown: string[] = [];
  const notices = createNotices();
  notices.listen(session, (text) => shown.push(text));
  return { notices, shown, rotate: () => listeners.forEach((listener) => listener()) };
};

describe("notices", () => {
  it("announces another tab's log-in and log-out", () => {
    const { notices, shown, rotate } = page();
    notices.cart(null);
    rotate();
    notices.cart("alice");
    rotate();
    notices.cart(null);
    expect(shown).toEqual([messages.otherTabLoggedIn("alice"), messages.otherTabLoggedOut]);
  });

  it("announces another tab's log-out when this tab's poll saw the emptied session before the rotation arrived", () => {
    const { notices, shown, rotate } = page();
    notices.cart(null);
    rotate();
    notices.cart("alice");
    // The other tab's /api/logout emptied the session on the server; it commits its rotation after.
    notices.cart(null);
    rotate();
    notices.cart(null);
    expect(shown).toEqual([messages.otherTabLoggedIn("alice"), messages.otherTabLoggedOut]);
  });

  it("keeps the notice when a cart read of the old ID lands after the rotation was followed", () => {
    const { notices, shown, rotate } = page();
    notices.cart(null);
    rotate();
    notices.cart(null);
    notices.cart("alice");
    expect(shown).toEqual([messages.otherTabLoggedIn("alice")]);
  });

  it("says nothing of this tab's own log-in and log-out, during or after the refresh", async () => {
    const { notices, shown, rotate } = page();
    notices.cart(null);
    await notices.own(async () => rotate());
    notices.cart("bob");
    await notices.own(async () => {
      // Its poll of the old ID after /api/logout, before the commit.
      notices.cart(null);
      rotate();
    });
    notices.cart(null);
    // Another tab's log-in afterwards is announced again.
    rotate();
    notices.cart("carol");
    expect(shown).toEqual([messages.otherTabLoggedIn("carol")]);
  });

  it("a copied tab says why its cart is empty, and nothing about the user it left", () => {
    const { notices, shown, rotate } = page();
    notices.cart("alice");
    notices.onDuplicate("next" as never, "previous" as never);
    rotate();
    notices.cart(null);
    expect(shown).toEqual([messages.copiedTab]);
  });
});
