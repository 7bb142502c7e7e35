import type { ActivityWriter } from "./activityWriter.ts";
import type { LifetimeCore } from "./lifetimeCore.ts";
import type { SessionId } from "./types.ts";

/**
 * Returns `touch`, which counts activity now: the ID's last activity moves to now and is written
 * soon (see {@link ActivityWriter}'s `writeSoon`). An ID not known alive yet (its record still
 * being read, or expired) is checked first, and touched once the check says it is alive.
 *
 * @example
 * const touch = activityTouch(core, check, writer);
 * document.addEventListener("pointerdown", touch);
 */
export const activityTouch = ({ session, clock, disposed }: LifetimeCore, check: () => Promise<SessionId>, writer: ActivityWriter) => {
  const touch = () => {
    if (disposed()) return;
    const id = session.get();
    if (!clock.alive(id)) {
      void check()
        .then(() => {
          if (clock.alive(session.get())) touch();
        })
        .catch(() => {});
      return;
    }
    clock.markActive();
    writer.writeSoon();
  };
  return touch;
};
