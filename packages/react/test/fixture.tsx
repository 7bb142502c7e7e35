import type { ReactNode } from "react";
import { useSessionId } from "../src/index.ts";

/** Shows the session ID of the nearest provider, and records what each of its renders saw. */
export function ShowId({ seen = [], label = "id" }: { seen?: (string | undefined)[]; label?: string }): ReactNode {
  const [sessionId] = useSessionId();
  seen.push(sessionId);
  return <output data-testid={label}>{sessionId ?? "none"}</output>;
}
