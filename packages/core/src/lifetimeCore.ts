import type { ActivityClock } from "./activityClock.ts";
import type { activityStore } from "./activityStore.ts";
import type { Report } from "./createReporter.ts";
import type { LifetimeOptions } from "./sessionLifetime.ts";
import type { Session, SessionId, StorageBackend } from "./types.ts";

/**
 * What the parts of one session's lifetime share: the session it wraps and that session's
 * options, the lifetime's own options, where activity is stored and what this page knows of it.
 * `sessionLifetime` builds it once per session and each part receives it once, when the session
 * is created.
 */
export interface LifetimeCore {
  /** The session without a lifetime. */
  readonly session: Session;
  /** The ID this page's own refresh is committing (its callback succeeded), if any. */
  committing(): SessionId | undefined;
  readonly backend: StorageBackend;
  readonly key: string;
  readonly validate: (value: string) => boolean;
  readonly report: Report;
  readonly onExpire: LifetimeOptions["onExpire"];
  /** At most how often this page writes its activity (default 5000 ms). */
  readonly activityInterval: number;
  /** The shared activity record (`<key>:lifetime`). */
  readonly store: ReturnType<typeof activityStore>;
  /** What this page knows of the current ID's activity: the one owner of it. */
  readonly clock: ActivityClock;
  /** Whether `dispose()` was called. */
  disposed(): boolean;
  /** From now on `disposed()` is true. */
  markDisposed(): void;
}
