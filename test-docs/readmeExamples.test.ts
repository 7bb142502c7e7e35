// README sections that show an example app's wiring (the meta-framework sections of the adapters'
// READMEs) are that app's own files: a block whose first line names an example file must equal it,
// so what a reader pastes is what the example builds, serves and tests.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { blocksOf, readmes, root } from "./readmeBlocks.ts";

const copies = readmes()
  .flatMap((readme) => blocksOf(readme, ["ts", "tsx", "svelte", "vue"]))
  .filter((block) => block.example);

describe("README blocks that name an example file", () => {
  it("name a file that exists", () => {
    expect(copies.filter((block) => !existsSync(join(root, block.example!))).map((block) => `${block.readme}:${block.line} ${block.example}`)).toEqual([]);
  });

  it("are that file's content, byte for byte (but the final newline)", () => {
    const differing = copies
      .filter((block) => existsSync(join(root, block.example!)))
      .filter((block) => readFileSync(join(root, block.example!), "utf8").replace(/\n$/, "") != block.code)
      .map((block) => `${block.readme}:${block.line} differs from ${block.example}`);
    expect(differing).toEqual([]);
  });
});
