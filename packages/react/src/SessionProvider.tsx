import { useEffect, useRef, type ReactNode } from "react";
import { createSession, type Session, type SessionOptions } from "@sessionid/core";
import { SessionContext } from "./SessionContext.ts";

/**
 * Either a `session` you made with `createSession` (the app owns it), or the `options` for the
 * provider to make its own. React keeps `key` for itself, so options go in one object.
 */
export type SessionProviderProps = ({ session: Session; options?: undefined } | { session?: undefined; options?: SessionOptions }) & {
  children?: ReactNode;
};

/**
 * Hands a session to the components below it; an inner provider wins for its subtree.
 * Given `options`, it makes one session per provider (read on the first render; change the
 * React `key` to start a new one) and disposes it when it unmounts. A `session` you pass in
 * is never disposed here.
 *
 * @example
 * import { SessionProvider } from "@sessionid/react";
 *
 * createRoot(root).render(
 *   <SessionProvider options={{ storage: "local", key: "shop" }}>
 *     <App />
 *   </SessionProvider>,
 * );
 */
export function SessionProvider({ session, options, children }: SessionProviderProps) {
  // A lazily filled ref, not useMemo or useState: React 19 StrictMode calls those factories
  // twice but keeps refs across its double render, so no second ID is made.
  const own = useRef<{ session: Session; mounted: number } | null>(null);
  if (!session && !own.current) own.current = { session: createSession(options), mounted: 0 };
  const owned = session ? undefined : own.current!;
  useEffect(() => {
    if (!owned) return;
    owned.mounted++;
    // StrictMode runs cleanup then setup again at once: dispose only if no setup followed.
    return () => void (owned.mounted--, queueMicrotask(() => owned.mounted || owned.session.dispose()));
  }, [owned]);
  return <SessionContext.Provider value={session ?? owned!.session}>{children}</SessionContext.Provider>;
}
