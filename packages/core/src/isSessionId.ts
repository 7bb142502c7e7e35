import type { SessionId } from "./types.ts";

/**
 * Whether a value has the shape of a session ID: a string of 16–128 characters from
 * `A–Z a–z 0–9 _ -`. Pure, so it is safe on the server for validating incoming IDs.
 *
 * @example
 * const id = request.headers.get("x-session-id");
 * if (!isSessionId(id)) return Response.json({ error: "invalid session ID" }, { status: 400 });
 */
export const isSessionId = (value: unknown): value is SessionId =>
  typeof value == "string" && /^[\w-]{16,128}$/.test(value);
