// The core README's "Where the code lives" table is how a newcomer finds, say, duplicated-tab
// detection from file names alone: it must name every source file, and only files that exist.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./readmeBlocks.ts";

const src = join(root, "packages/core/src");
const sourceFiles = readdirSync(src, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".ts") && file != "index.ts")
  .map((file) => file.split("\\").join("/"))
  .sort();

describe("the core README's code map", () => {
  it("names every source file of packages/core/src, and nothing else", () => {
    const readme = readFileSync(join(root, "packages/core/README.md"), "utf8");
    const section = readme.split("## Where the code lives")[1]?.split("\n## ")[0] ?? "";
    const named = [...section.matchAll(/`([\w/.]+\.ts)`/g)].map((match) => match[1]!);
    expect(sourceFiles.length).toBeGreaterThan(30);
    expect([...new Set(named)].sort()).toEqual(sourceFiles);
  });
});
