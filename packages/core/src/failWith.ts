import { messageFor } from "#messages";
import { SessionError } from "./SessionError.ts";

/**
 * A rejected promise with a `SessionError` of `code`, for a session method called when it cannot
 * run (on the server, after `dispose()`, with a wrong argument). It rejects rather than throws,
 * so every caller handles it where it already handles a failed refresh.
 *
 * @example
 * if (disposed) return failWith("disposed");
 */
export const failWith = (code: "server" | "disposed" | "invalid-argument", detail?: string) =>
  Promise.reject(new SessionError(code, messageFor(code, detail)));
