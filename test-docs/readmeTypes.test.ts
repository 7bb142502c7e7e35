import { describe, expect, it } from "vitest";
import { blocksOf, readmes } from "./readmeBlocks.ts";
import { typecheckBlocks } from "./typecheck.ts";

const blocks = readmes().flatMap((readme) => blocksOf(readme)).filter((block) => !block.skip && !block.example);

describe("README code blocks", () => {
  it("finds the TS and TSX blocks of every README (root, packages, examples)", () => {
    const found = new Set(blocks.map((block) => block.readme));
    for (const readme of ["README.md", "packages/core/README.md", "packages/react/README.md", "packages/vue/README.md", "packages/svelte/README.md", "packages/solid/README.md", "packages/convex/README.md"])
      expect(found).toContain(readme);
  });

  const errors = typecheckBlocks(blocks).map((error) => ({ ...error, text: `${error.readme}:${error.line} ${error.message}` }));

  it("type-check against the workspace's types", () => {
    expect(errors.map((error) => error.text)).toEqual([]);
  });
});
