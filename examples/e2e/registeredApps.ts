/** The four meta-framework apps of issue 16, each a folder of `examples/`. */
export type AppName = "next" | "nuxt" | "sveltekit" | "solidstart";

/**
 * The apps whose suite runs (each has its `<name>.test.ts` here): the global setup builds these.
 * An app is added once it exists and passes, so the root test command stays green.
 *
 * @example
 * for (const app of registeredApps) await buildApp(appFolder(app), copiesFolder);
 */
export const registeredApps: AppName[] = [];

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
