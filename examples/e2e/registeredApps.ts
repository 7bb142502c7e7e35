/** The four meta-framework apps of issue 16, each a folder of `examples/`. */
export type AppName = "next" | "nuxt" | "sveltekit" | "solidstart";

/**
 * The apps whose suite the root test command runs (`<name>.test.ts` here). An app is added once
 * it exists and its suite passes, so the root test command stays green.
 */
export const registeredApps: AppName[] = ["sveltekit", "solidstart", "nuxt", "next"];

const appNames: readonly AppName[] = ["next", "nuxt", "sveltekit", "solidstart"];

/**
 * The apps this run builds and tests: `SESSIONID_APPS=next,nuxt` (to try an app before it is
 * registered, or to run one alone; `none` for the harness alone), else the registered ones. The config includes only their
 * test files, so a file of an unregistered app never runs in the root test command.
 *
 * @example
 * for (const app of appsToTest()) await buildApp(`examples/${app}`);
 */
export function appsToTest(): AppName[] {
  const wanted = process.env.SESSIONID_APPS?.split(",").map((name) => name.trim()).filter(Boolean);
  if (!wanted?.length) return [...registeredApps];
  if (wanted.join() == "none") return []; // the harness's own tests alone
  const unknown = wanted.filter((name) => !appNames.includes(name as AppName));
  if (unknown.length) throw new Error(`SESSIONID_APPS: unknown app ${unknown.join(", ")} (known: ${appNames.join(", ")})`);
  return wanted as AppName[];
}

/** A production build made by the global setup. */
export interface AppBuild {
  /** The copy of the app the build was made in (its servers run there). */
  dir: string;
  /** How long its `build` script took, in milliseconds. */
  buildMs: number;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The registered apps' production builds, by name. */
    appBuilds: Partial<Record<AppName, AppBuild>>;
  }
}
