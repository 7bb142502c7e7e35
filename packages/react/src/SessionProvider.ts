import { createElement, useEffect, useRef, useState, type ReactNode } from "react";
import { createSession, type Session, type SessionOptions } from "@sessionid/core";
import { SessionContext } from "./SessionContext.ts";

/**
 * Either a `session` you made with `createSession` (the app owns it), or the `options` for the
 * provider to make its own. React keeps the `key` prop for itself, so options go in one object.
 */
export type SessionProviderProps = ({ session: Session; options?: undefined } | { session?: undefined; options?: SessionOptions }) & {
  children?: ReactNode;
};

/**
 * Hands a session to the components below it; an inner provider wins for its subtree.
 * Given `options`, it makes one session per provider (options are read on the first render;
 * change the React `key` to start a new one) and disposes it when it unmounts or is handed a
 * `session` instead; shown again after that (an `<Activity>` hidden and shown), it makes a new
 * one from the options. A `session` you pass in is never disposed here.
 *
 * @example
 * import { localStorageBackend, SessionProvider } from "@sessionid/react";
 *
 * createRoot(root).render(
 *   <SessionProvider options={{ storage: localStorageBackend(), key: "shop" }}>
 *     <App />
 *   </SessionProvider>,
 * );
 */
export function SessionProvider(props: SessionProviderProps): ReactNode {
  const { session, options, children } = props;
  // A lazily filled ref, not useMemo or useState: React 19 StrictMode calls those factories
  // twice but keeps refs across its double render, so no second session is made. React 18
  // StrictMode renders a second time with fresh hooks and keeps only that render's session; the
  // first one is harmless, since a session does nothing until it is used and listens to nothing
  // until it is subscribed (only committed components subscribe), and both read the same stored ID.
  const own = useRef<Session>(null);
  // The session it disposed last, and a state to hand down a new one in its place.
  const gone = useRef<Session>(null);
  const [, renew] = useState<Session>();
  const owned = session ? null : (own.current ??= createSession(options));
  useEffect(() => {
    if (!owned) return;
    // Set up again after a real cleanup with no render between (an <Activity> shown again, its
    // provider element unchanged): that session is disposed, so render again with a new one.
    if (gone.current == owned) return renew((own.current = createSession(options)));
    own.current = owned;
    // StrictMode runs cleanup and setup again at once: dispose a microtask later, only if no
    // setup followed. A render after a real cleanup finds the ref empty and makes a new session.
    return () => {
      own.current = null;
      queueMicrotask(() => own.current || (gone.current = owned).dispose());
    };
  }, [owned]);
  return createElement(SessionContext.Provider, { value: session ?? owned! }, children);
}
