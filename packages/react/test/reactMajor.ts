import { inject } from "vitest";

declare module "vitest" {
  interface ProvidedContext {
    /** The React major version the project runs: 19 (vitest.config.ts) or 18 (vitest.react18.config.ts). */
    reactMajor: 18 | 19;
  }
}

/** The React major version this project runs. */
export const reactMajor = inject("reactMajor");

/**
 * What `useId` renders in that major: ":r0:" (client) and ":R0:" (server) in React 18, "«r0»"
 * or "_r_0_" in React 19. It tells apart which renderer really ran.
 */
export const useIdFormat = reactMajor == 18 ? /^:[rR]\w+:$/ : /^(«[rR]\w+»|_[rR]_\w+_)$/;
