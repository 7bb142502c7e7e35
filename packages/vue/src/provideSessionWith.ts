import { createSession, type Session, type SessionOptions } from "@sessionid/core";
import { sessionKey } from "./sessionKey.ts";

/**
 * What `sessionPlugin` and `provideSession` share: hands the session down with `provide` (the app's
 * or the component's) and returns it. A `Session` passed in is used as it is (the caller owns it);
 * options make a new one, whose `dispose` goes to `onDispose` so the provider's scope can end it.
 */
export const provideSessionWith = (
  provide: (key: typeof sessionKey, session: Session) => unknown,
  source: SessionOptions | Session | undefined,
  onDispose: (dispose: () => void) => void,
): Session => {
  let session = source as Session | undefined;
  if (!session?.subscribe) {
    session = createSession(source as SessionOptions | undefined);
    onDispose(session.dispose);
  }
  provide(sessionKey, session);
  return session;
};
