// Package lint for the package in the current folder (after its build): publint --strict and attw
// on the tarball `pnpm pack` makes, since pnpm rewrites `workspace:` ranges and npm pack would not.
// Extra arguments go to attw (e.g. --ignore-rules internal-resolution-error).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const run = (command, args) => execFileSync(command, args, { stdio: "inherit" });
const bin = (name) => join(import.meta.dirname, "..", "node_modules", ".bin", name);

const out = mkdtempSync(join(tmpdir(), "sessionid-pack-"));
try {
  run("npx", ["-y", "pnpm@10.34.9", "pack", "--pack-destination", out]);
  const tarball = join(out, readdirSync(out).find((name) => name.endsWith(".tgz")));
  run(bin("publint"), ["--strict", tarball]);
  run(bin("attw"), [tarball, "--profile", "esm-only", ...process.argv.slice(2)]);
} finally {
  rmSync(out, { recursive: true, force: true });
}
