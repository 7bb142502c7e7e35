import { createContext, onCleanup, splitProps, useContext, type JSX } from "solid-js";
import { createSession, missingProvider, type Session, type SessionOptions } from "@sessionid/core";

/** The session the nearest `<SessionProvider>` hands down; read it with `useSession()`. */
export const SessionContext = createContext<Session>();

/** Either a `session` made with `createSession`, or the options to make one (not both). */
export type SessionProviderProps = (
  | ({ session: Session } & { [Option in keyof SessionOptions]?: never })
  | (SessionOptions & { session?: undefined })
) & { children?: JSX.Element };

/**
 * Hands a session to the components below it. Pass a `session` you made with `createSession`
 * (it is never disposed here), or `createSession` options: then the provider makes one session
 * and disposes it when it unmounts. An inner provider wins for its subtree.
 *
 * @example
 * import { localStorageBackend, SessionProvider } from "@sessionid/solid";
 *
 * render(() => (
 *   <SessionProvider storage={localStorageBackend()} key="shop">
 *     <App />
 *   </SessionProvider>
 * ), document.getElementById("root")!);
 */
export function SessionProvider(props: SessionProviderProps): JSX.Element {
  let session = props.session;
  if (!session) {
    // The props without `children` are the options (a component's props are read once here):
    // createSession copies its options, and reading the `children` getter would render the
    // children here, outside the provider. `session` is undefined, which createSession ignores.
    session = createSession(splitProps(props, ["children"])[1] as SessionOptions);
    onCleanup(session.dispose);
  }
  // Called directly, not through createComponent: a component body is already untracked.
  return SessionContext.Provider({
    value: session,
    get children() {
      return props.children;
    },
  });
}

/**
 * Internal (not exported from the package): the session of the nearest `<SessionProvider>`, or
 * core's `missingProvider` error naming `primitive`, the public primitive the user called. It
 * lives beside the context it reads: a module of its own would cost the size budget a few bytes.
 *
 * @example
 * const session = requireSession("useSessionFn");
 * // SessionError: useSessionFn() found no session: add <SessionProvider> above this component.
 */
export function requireSession(primitive: string): Session {
  const session = useContext(SessionContext);
  if (!session) throw missingProvider(primitive, "<SessionProvider>");
  return session;
}
