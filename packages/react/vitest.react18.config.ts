import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { sourceConditions } from "../../vitest.shared.ts";

// The tests of vitest.config.ts, on React 18: the `react-18` and `react-dom-18` aliases in
// devDependencies. Exact-match aliases send every import of React (tests, sources and
// @testing-library/react alike) to the 18 copies; `dedupe` resolves those from this package,
// wherever the import is. test/reactVersion*.test.tsx proves the run really is on 18.
const versioned = (name: string, copy: string, paths: string[]) =>
  paths.map((path) => ({ find: new RegExp(`^${name}${path}$`), replacement: `${copy}${path}` }));
const alias = [
  ...versioned("react", "react-18", ["", "/jsx-runtime", "/jsx-dev-runtime"]),
  ...versioned("react-dom", "react-dom-18", ["", "/client", "/server", "/test-utils"]),
];

// Packages in node_modules normally run untransformed in Node, where aliases do not apply, and
// pnpm links react-dom-18's own `react` to React 19. So react-dom-18 and @testing-library/react
// are pre-bundled, with `react` left out (Vitest always excludes it) as an ESM import, and the
// bundles run through Vite (`inline`), where that import meets the alias. React itself stays one
// untransformed copy in Node, shared by everything.
const optimized = {
  enabled: true,
  include: ["@testing-library/react", "react-dom-18", "react-dom-18/client", "react-dom-18/server", "react-dom-18/test-utils"],
};

export default defineConfig({
  ...sourceConditions,
  plugins: [react()],
  resolve: { ...sourceConditions.resolve, alias, dedupe: ["react-18", "react-dom-18"] },
  test: {
    name: "react18",
    include: ["test/**/*.test.{ts,tsx}"],
    // React 18 has no <Activity>.
    exclude: ["test/activity.test.tsx"],
    environment: "jsdom",
    provide: { reactMajor: 18 },
    deps: {
      optimizer: {
        client: optimized,
        // For Node, the bundler would leave `react` as a `require` that Node resolves (to 19);
        // as for the browser, it becomes an `import`, which goes through Vite.
        ssr: { ...optimized, rolldownOptions: { platform: "browser" } },
      },
    },
    server: { deps: { inline: [/\/node_modules\/\.vite\//] } },
  },
});
