import { createContext } from "react";
import type { Session } from "@sessionid/core";

/** The session of the nearest `<SessionProvider>`; `null` outside any provider. Internal. */
export const SessionContext = /* @__PURE__ */ createContext<Session | null>(null);
