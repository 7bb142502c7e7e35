import type { Report } from "./createReporter.ts";

const locksHere = () => (typeof navigator < "u" ? navigator.locks : undefined);

/**
 * Runs `run` holding the Web Lock `name`, so one tab of the browser at a time runs it; `run` gets
 * the lock manager while it holds the lock. Without Web Locks, or when the lock is not granted
 * within `timeout` ms (a holder stuck or frozen), it runs without the lock (`run()` with no
 * argument), and the timeout is reported.
 *
 * @example
 * await withCrossTabLock("sessionid:shop", 10_000, report, async (locks) => commit());
 */
export const withCrossTabLock = <T>(
  name: string,
  timeout: number,
  report: Report,
  run: (locks?: LockManager) => Promise<T>,
): Promise<T> => {
  const locks = locksHere();
  if (!locks) return run();
  return new Promise<T>((resolve, reject) => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeout);
    let running: Promise<T> | undefined;
    let tries = 0;
    const ask = () =>
      locks
        .request(name, { signal: abort.signal }, () => {
          clearTimeout(timer);
          return (running = run(locks));
        })
        .then(resolve, (error: unknown) => {
          // Once granted, the outcome is run's own: WebKit rejects a granted request ("the
          // browsing context is going away") when the page enters the back/forward cache, while
          // run goes on when the page is restored and may still commit.
          if (running) return running.then(resolve, reject);
          if (abort.signal.aborted || (error as Error)?.name == "SecurityError") {
            clearTimeout(timer);
            if (abort.signal.aborted) report("lock-timeout", undefined, String(timeout));
            return run().then(resolve, reject);
          }
          // Not a timeout: Chromium rejects a grant that arrives while the page is inside
          // window.open() ("The provided callback is no longer runnable"). Ask again once the
          // page is back in its event loop, a little later each time; the timeout bounds it.
          setTimeout(ask, (tries = Math.min(tries * 2 + 1, 100)));
        });
    ask();
  });
};

/**
 * Holds the Web Lock `name` in shared mode (several tabs may hold the same one) until the
 * returned release is called: a "mark" other tabs see in `navigator.locks.query()`. Resolves once
 * held; a grant the browser rejects (see above) is asked for again a few times, and after that
 * the mark is simply not held.
 */
export const holdLock = (locks: LockManager, name: string): Promise<() => void> =>
  new Promise((resolve) => {
    let granted = false;
    const hold = () => {
      granted = true;
      return new Promise<void>((release) => resolve(release));
    };
    // A grant rejected after it was held (see above: WebKit's back/forward cache) is not asked
    // for again: the new mark would outlive its release, which went out with the first one.
    const ask = (tries: number) =>
      locks
        .request(name, { mode: "shared" }, hold)
        .catch(() => granted || (tries ? setTimeout(() => ask(tries - 1)) : resolve(() => {})));
    ask(5);
  });
