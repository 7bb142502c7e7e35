import { messageFor } from "#messages";
import { SessionError } from "./SessionError.ts";

/**
 * Runs an app callback (a refresh's `beforeCommit`, `onDuplicate`) with an `AbortSignal` as its
 * last argument. If it has not settled after `timeout` ms the signal aborts and the returned
 * promise rejects with `refresh-timeout`, so a callback that never settles cannot block every
 * later refresh of the tab. Its own rejection passes through untouched.
 *
 * @example
 * await callWithTimeout(30_000, (signal) => fetch("/api/login", { signal }));
 */
export const callWithTimeout = (timeout: number, callback: (signal: AbortSignal) => unknown): Promise<unknown> => {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    new Promise((resolve) => resolve(callback(abort.signal))),
    new Promise((_, reject) => {
      timer = setTimeout(() => {
        const error = new SessionError("refresh-timeout", messageFor("refresh-timeout", String(timeout)));
        abort.abort(error);
        reject(error);
      }, timeout);
    }),
  ]).finally(() => clearTimeout(timer));
};
