import type { ReactNode } from "react";
import { SessionProvider, useSessionId, type SessionOptions } from "../src/index.ts";

/** Shows the session ID of the nearest provider, and records what each of its renders saw. */
export function ShowId({ seen = [], label = "id" }: { seen?: (string | undefined)[]; label?: string }): ReactNode {
  const [sessionId] = useSessionId();
  seen.push(sessionId);
  return <output data-testid={label}>{sessionId ?? "none"}</output>;
}

/** The page rendered on the server (serverRender.test.tsx) and hydrated in the browser (hydration.test.tsx). */
export const Page = ({ options, seen }: { options: SessionOptions; seen?: (string | undefined)[] }) => (
  <SessionProvider options={options}>
    <ShowId seen={seen} />
  </SessionProvider>
);

/** An ID the server already knows (initialId, or the browser's cookie). */
export const knownId = "known-to-the-server-01";

/** What the server renders for {@link Page}: serverRender.test.tsx proves it, hydration.test.tsx hydrates it. */
export const serverHtml = {
  unknown: '<output data-testid="id">none</output>',
  known: `<output data-testid="id">${knownId}</output>`,
};
