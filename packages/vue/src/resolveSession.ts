import { createSession, type Session, type SessionOptions } from "@sessionid/core";

/**
 * The session a provider hands down: the one passed in (the caller owns it), or a new one from
 * options, whose `dispose` goes to `onDispose` so the provider's scope can end it.
 */
export const resolveSession = (source: SessionOptions | Session | undefined, onDispose: (dispose: () => void) => void): Session => {
  if ((source as Session | undefined)?.subscribe) return source as Session;
  const session = createSession(source as SessionOptions | undefined);
  onDispose(session.dispose);
  return session;
};
