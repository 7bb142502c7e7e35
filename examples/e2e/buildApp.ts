import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { runScript } from "./runScript.ts";

const ownerFile = ".e2e-owner";

// Build output, caches and databases of the four frameworks: never copied, always made fresh.
const notCopied = new Set([".next", ".nuxt", ".output", ".vinxi", "build", "data", ".svelte-kit", "dist", ".turbo"]);

/**
 * Copies the app folder `source` into a new folder beside it (`.e2e-<name>-XXXXXX`) and runs its
 * `build` script there; answers the copy and how long the build took. A copy, because others
 * build and run the app in its own folder at the same time; beside it, because apps reach their
 * neighbours by relative paths (`"extends": "../../tsconfig.base.json"`, `../shop`). The leading
 * dot keeps it out of the workspace globs (`examples/*`). Node's `cpSync` rewrites the relative
 * symlinks of `node_modules` as absolute ones, so the copy resolves the same installed packages.
 *
 * @example
 * const { dir, buildMs } = await buildApp("/work/main/examples/next"); // dir: examples/.e2e-next-Ab12Cd
 */
export async function buildApp(source: string): Promise<{ dir: string; buildMs: number }> {
  const dir = mkdtempSync(join(dirname(source), `.e2e-${basename(source)}-`));
  // Who made it, first of all: a run that died before its teardown leaves its copies behind, and
  // removeOrphanCopies (in another run) must never take one that is still being made.
  writeFileSync(join(dir, ownerFile), String(process.pid));
  cpSync(source, dir, {
    recursive: true,
    filter: (path) => {
      const [top] = relative(source, path).split(sep);
      return !notCopied.has(top!);
    },
  });
  const started = performance.now();
  const build = runScript(dir, "build");
  const code = await build.exited;
  await build.stop();
  if (code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`The build of ${basename(source)} failed (${code}):\n${build.output()}`);
  }
  return { dir, buildMs: Math.round(performance.now() - started) };
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code == "EPERM";
  }
};

/**
 * Removes the copies in `folder` (`.e2e-*`) whose run has ended without removing them (killed
 * before its teardown); copies of runs still going, and folders without an owner, are left alone.
 *
 * @example
 * removeOrphanCopies("/work/main/examples");
 */
export function removeOrphanCopies(folder: string) {
  for (const name of readdirSync(folder)) {
    if (!name.startsWith(".e2e-")) continue;
    const owner = join(folder, name, ownerFile);
    if (!existsSync(owner)) continue;
    const pid = Number(readFileSync(owner, "utf8"));
    if (pid > 0 && !isRunning(pid)) rmSync(join(folder, name), { recursive: true, force: true });
  }
}
