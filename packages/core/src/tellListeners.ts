import type { Report } from "./createReporter.ts";
import type { SessionId } from "./types.ts";

/**
 * Tells each listener `id`. Over a copy, so one added meanwhile waits for the next change; one
 * removed meanwhile (another's listener unmounted its part) is not told, as with EventTarget. A
 * listener that throws is reported, and the others are still told.
 *
 * @example
 * tellListeners(state.listeners, next.id, report);
 */
export const tellListeners = (listeners: Set<(id: SessionId | undefined) => void>, id: SessionId | undefined, report: Report) => {
  for (const listener of [...listeners])
    if (listeners.has(listener))
      try {
        listener(id);
      } catch (error) {
        report("listener", error);
      }
};
