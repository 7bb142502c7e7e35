import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { appEnvironment } from "./appEnvironment.ts";

/** The only pnpm this workspace runs (see /work/shared/TOOLCHAIN.md). */
export const pnpm = ["-y", "pnpm@10.34.9"] as const;

/** A package script running in its own process group. */
export interface ScriptProcess {
  child: ChildProcess;
  /** Everything it printed so far (the last 64 kB). */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the script's process has exited. */
  exited: Promise<number | string>;
  /** Ends the whole process group (SIGTERM, then SIGKILL after `grace` ms) and waits until it is gone. */
  stop(grace?: number): Promise<void>;
}

// Whether any process of the group still runs. Read from /proc rather than `kill(-pid, 0)`:
// this machine's init does not reap orphans, and a zombie would count as alive forever.
const groupAlive = (pgid: number) =>
  readdirSync("/proc").some((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    try {
      // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses, so split after the last ")".
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ").at(-1)!.split(" ");
      return Number(fields[2]) == pgid && fields[0] != "Z";
    } catch {
      return false; // it exited while we looked
    }
  });

const signal = (pgid: number, name: NodeJS.Signals) => {
  try {
    process.kill(-pgid, name);
  } catch {} // the group ended in between
};

/**
 * Runs `pnpm run <script>` in `dir` as the leader of a new process group, so stopping it also
 * ends what the script started (a framework's server under pnpm under sh).
 *
 * @example
 * const build = runScript("examples/next", "build");
 * if ((await build.exited) !== 0) throw new Error(build.output());
 */
export function runScript(dir: string, script: string, env: Record<string, string> = {}): ScriptProcess {
  const child = spawn("npx", [...pnpm, "run", script], {
    cwd: dir,
    detached: true,
    env: appEnvironment(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-64 * 1024);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | string>((resolve) => {
    child.once("error", (error) => (keep(Buffer.from(String(error))), resolve("spawn error")));
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
  });
  const pid = child.pid!;
  return {
    child,
    output: () => output,
    exited,
    async stop(grace = 10_000) {
      if (!groupAlive(pid)) return void (await exited);
      signal(pid, "SIGTERM");
      const deadline = Date.now() + grace;
      while (groupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      // Whatever ignored SIGTERM (or is still shutting down) goes now.
      if (groupAlive(pid)) signal(pid, "SIGKILL");
      while (groupAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
      await exited;
    },
  };
}
