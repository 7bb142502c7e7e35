import type { SessionId } from "./types.ts";

/**
 * What a session keeps under its key: the ID and its generation, one more on every commit. The
 * generation gives every tab the same order over IDs, so a late event, a stale lock mark or a
 * late write-back can never move a tab back to an ID it has left.
 */
export interface StoredSession {
  id: SessionId;
  gen: number;
}

/**
 * The stored format: `<id>.<generation in base 36>`, e.g. `V1StGXR8_Z5jdHi6B-myT.3`. A bare ID
 * (as stored by 0.1) reads as generation 0.
 *
 * @example
 * encodeStored({ id, gen: 3 }); // "V1StGXR8_Z5jdHi6B-myT.3"
 */
export const encodeStored = ({ id, gen }: StoredSession): string => `${id}.${gen.toString(36)}`;

/**
 * Reads a stored value; `undefined` for anything that is not a valid ID with an optional
 * generation (empty, `"null"`, JSON, another app's value, a 5 MB string).
 *
 * @example
 * decodeStored("V1StGXR8_Z5jdHi6B-myT.3", isSessionId); // { id: "V1StGXR8_Z5jdHi6B-myT", gen: 3 }
 */
export const decodeStored = (value: unknown, validate: (value: string) => boolean): StoredSession | undefined => {
  if (typeof value != "string") return;
  const dot = value.lastIndexOf(".");
  const id = value.slice(0, dot);
  const gen = value.slice(dot + 1);
  // At most 2^32 - 1, so the next commit's generation still reads back (and a junk suffix such
  // as ".zzzzzzzz" is junk, not a generation no commit can follow).
  if (dot > 0 && /^[0-9a-z]{1,7}$/.test(gen) && parseInt(gen, 36) < 2 ** 32 - 1 && validate(id))
    return { id: id as SessionId, gen: parseInt(gen, 36) };
  if (validate(value)) return { id: value as SessionId, gen: 0 };
};

/**
 * Whether `a` comes after `b` in the order every tab agrees on: the higher generation, and of
 * two with one generation (two tabs that committed without a lock) the greater ID.
 */
export const isLater = (a: StoredSession | undefined, b: StoredSession | undefined): a is StoredSession =>
  !!a && (!b || a.gen > b.gen || (a.gen == b.gen && a.id > b.id));
