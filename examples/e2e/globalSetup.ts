import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { buildApp, removeOrphanCopies } from "./buildApp.ts";
import { appsToTest, type AppBuild, type AppName } from "./registeredApps.ts";
import { runScript } from "./runScript.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
/** Two builds at a time: the machine has two cores, and each build is a bundler run. */
const parallelBuilds = 2;

/**
 * Builds the workspace packages once (the apps consume their `dist/`, which a clean checkout has
 * not built), then each app to test (`appsToTest()`) for production, at most two at a time, and
 * provides the builds as `appBuilds`. The copies (buildApp.ts) are removed after the run.
 */
export default async function setup(project: TestProject) {
  const started = performance.now();
  // SESSIONID_PACKAGES_BUILT=1 skips it when re-running the project right after a build.
  if (process.env.SESSIONID_PACKAGES_BUILT != "1") {
    const packages = runScript(root, "build");
    const code = await packages.exited;
    if (code !== 0) throw new Error(`The packages' build (pnpm build) failed (${code}):\n${packages.output()}`);
  }
  const packagesMs = Math.round(performance.now() - started);

  removeOrphanCopies(`${root}examples`);
  const builds: Partial<Record<AppName, AppBuild>> = {};
  const removeCopies = () => {
    for (const build of Object.values(builds)) rmSync(build.dir, { recursive: true, force: true });
  };
  const queue = appsToTest();
  const worker = async () => {
    for (let app = queue.shift(); app; app = queue.shift()) builds[app] = await buildApp(`${root}examples/${app}`);
  };
  // Every build settles before a failure is reported, so none is left running.
  const failed = (await Promise.allSettled(Array.from({ length: parallelBuilds }, worker))).find((result) => result.status == "rejected");
  if (failed) {
    removeCopies();
    throw failed.reason;
  }
  const times = Object.entries(builds).map(([app, build]) => `${app} ${(build.buildMs / 1000).toFixed(1)} s`);
  console.log(`apps: packages built in ${(packagesMs / 1000).toFixed(1)} s; production builds: ${times.join(", ") || "none registered"}`);
  project.provide("appBuilds", builds);
  return removeCopies;
}
