import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { SessionId } from "@sessionid/core";
import { findProduct, type Cart, type CartItem } from "../src/shared/catalog.ts";

/** What a log-in attempt came to. */
export type LogInResult = "logged-in" | "next-session-in-use";

/** The shop's data, one small table per concern (never one sprawling session row). */
export interface ShopStore {
  /** The cart of a session and the user logged in on it. */
  cart(sessionId: SessionId): Cart;
  /** Whether the server ended this session ("log out everywhere"): it must not be used again. */
  isEnded(sessionId: SessionId): boolean;
  /** Adds one of a product to the session's cart. */
  addItem(sessionId: SessionId, productId: string): void;
  /** Removes a product from the session's cart. */
  removeItem(sessionId: SessionId, productId: string): void;
  /** Logs `userName` in on `next`, moving the cart of `previous` to it; `previous` keeps nothing. */
  logIn(previous: SessionId, next: SessionId, userName: string): LogInResult;
  /** Deletes everything kept for the session (its cart and its login). */
  logOut(sessionId: SessionId): void;
  /** Ends every session of the user logged in on `sessionId`; answers how many, or `null` if nobody is. */
  endAllSessions(sessionId: SessionId): number | null;
  close(): void;
}

const schema = `
  CREATE TABLE IF NOT EXISTS users (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
  );
  -- session -> user: a join table, so a user can be logged in on many sessions (tabs, browsers)
  CREATE TABLE IF NOT EXISTS logins (
    session_id   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    logged_in_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS logins_by_user ON logins (user_id);
  CREATE TABLE IF NOT EXISTS cart_items (
    session_id TEXT NOT NULL,
    product_id TEXT NOT NULL,
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (session_id, product_id)
  );
  -- sessions the server ended: a tab still using one is told so (410) and starts a fresh one
  CREATE TABLE IF NOT EXISTS ended_sessions (
    session_id TEXT PRIMARY KEY,
    ended_at   INTEGER NOT NULL
  );
`;

/**
 * Opens (and creates if needed) the shop's SQLite database at `file`; `":memory:"` for tests.
 *
 * @example
 * const store = openShopStore("data/shop.db");
 * store.addItem(sessionId, "socks");
 */
export function openShopStore(file: string): ShopStore {
  if (file != ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.exec(schema);

  const selectItems = db.prepare<[string], { productId: string; quantity: number }>(
    "SELECT product_id AS productId, quantity FROM cart_items WHERE session_id = ? ORDER BY rowid",
  );
  const selectUser = db.prepare<[string], { name: string }>(
    "SELECT users.name FROM logins JOIN users ON users.id = logins.user_id WHERE logins.session_id = ?",
  );
  const selectEnded = db.prepare<[string], { one: 1 }>("SELECT 1 AS one FROM ended_sessions WHERE session_id = ?");
  const selectUsed = db.prepare<[string, string, string], { one: 1 }>(
    `SELECT 1 AS one FROM cart_items WHERE session_id = ?
     UNION ALL SELECT 1 FROM logins WHERE session_id = ?
     UNION ALL SELECT 1 FROM ended_sessions WHERE session_id = ? LIMIT 1`,
  );
  const upsertItem = db.prepare(
    `INSERT INTO cart_items (session_id, product_id, quantity) VALUES (?, ?, 1)
     ON CONFLICT (session_id, product_id) DO UPDATE SET quantity = quantity + 1`,
  );
  const deleteItem = db.prepare("DELETE FROM cart_items WHERE session_id = ? AND product_id = ?");
  const moveItems = db.prepare("UPDATE cart_items SET session_id = ? WHERE session_id = ?");
  const deleteItems = db.prepare("DELETE FROM cart_items WHERE session_id = ?");
  const deleteLogin = db.prepare("DELETE FROM logins WHERE session_id = ?");
  const upsertUser = db.prepare<[string], { id: number }>(
    "INSERT INTO users (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id",
  );
  const insertLogin = db.prepare("INSERT INTO logins (session_id, user_id, logged_in_at) VALUES (?, ?, ?)");
  const selectUserId = db.prepare<[string], { userId: number }>("SELECT user_id AS userId FROM logins WHERE session_id = ?");
  const selectSessionsOfUser = db.prepare<[number], { sessionId: string }>(
    "SELECT session_id AS sessionId FROM logins WHERE user_id = ?",
  );
  const insertEnded = db.prepare("INSERT OR IGNORE INTO ended_sessions (session_id, ended_at) VALUES (?, ?)");

  const logOut = db.transaction((sessionId: string) => {
    deleteItems.run(sessionId);
    deleteLogin.run(sessionId);
  });

  const logIn = db.transaction((previous: string, next: string, userName: string): LogInResult => {
    // `next` was made by the client a moment ago: if anything already uses it, it was not.
    if (selectUsed.get(next, next, next)) return "next-session-in-use";
    moveItems.run(next, previous);
    deleteLogin.run(previous);
    insertLogin.run(next, upsertUser.get(userName)!.id, Date.now());
    return "logged-in";
  });

  const endAllSessions = db.transaction((sessionId: string): number | null => {
    const login = selectUserId.get(sessionId);
    if (!login) return null;
    const sessions = selectSessionsOfUser.all(login.userId);
    for (const { sessionId } of sessions) {
      logOut(sessionId);
      insertEnded.run(sessionId, Date.now());
    }
    return sessions.length;
  });

  return {
    cart(sessionId) {
      const items = selectItems.all(sessionId).flatMap(({ productId, quantity }): CartItem[] => {
        const product = findProduct(productId);
        return product ? [{ productId, name: product.name, price: product.price, quantity }] : [];
      });
      return { user: selectUser.get(sessionId)?.name ?? null, items };
    },
    isEnded: (sessionId) => selectEnded.get(sessionId) != undefined,
    addItem: (sessionId, productId) => void upsertItem.run(sessionId, productId),
    removeItem: (sessionId, productId) => void deleteItem.run(sessionId, productId),
    logIn: (previous, next, userName) => logIn(previous, next, userName),
    logOut: (sessionId) => logOut(sessionId),
    endAllSessions: (sessionId) => endAllSessions(sessionId),
    close: () => db.close(),
  };
}
