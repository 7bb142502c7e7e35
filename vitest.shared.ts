import { defaultClientConditions, defaultServerConditions } from "vite";

/**
 * Resolve workspace packages to their TypeScript sources (the "@sessionid/source" export
 * condition), so tests need no build. Setting conditions replaces Vite's defaults, so they are
 * listed again.
 */
export const sourceConditions = {
  resolve: { conditions: ["@sessionid/source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["@sessionid/source", ...defaultServerConditions] } },
};
