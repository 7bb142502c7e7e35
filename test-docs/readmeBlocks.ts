import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";

/** The repository root. */
export const root = join(import.meta.dirname, "..");

/** One fenced TS/TSX code block of a README. */
export interface ReadmeBlock {
  /** The README, relative to the root. */
  readme: string;
  /** The folder whose dependencies the block's imports resolve against. */
  dir: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: "ts" | "tsx" | "svelte" | "vue";
  code: string;
  /** Marked `<!-- docs-test: skip -->` on the line before the fence (shell or pseudo-code). */
  skip: boolean;
  /**
   * The example file the block is a copy of, when its first line names one (`// examples/next/app/layout.tsx`
   * or `<!-- examples/sveltekit/src/routes/+layout.svelte -->`): such a block is compared with that file,
   * which the example's own build and typecheck cover, instead of being type-checked here.
   */
  example: string | undefined;
}

const namesExample = /^(?:\/\/|<!--)\s*(examples\/[\w./@()[\]+-]+?)\s*(?:-->)?\s*$/;

/** Every README.md of the repository that users read: the root's, the packages' and the examples'. */
export const readmes = (): string[] =>
  [
    join(root, "README.md"),
    ...["packages", "examples"].flatMap((group) =>
      readdirSync(join(root, group)).map((name) => join(root, group, name, "README.md")),
    ),
  ].filter((file) => existsSync(file));

/** The ```ts and ```tsx blocks of `file` (and of the other `langs` asked for, e.g. single-file components). */
export const blocksOf = (file: string, langs: ReadmeBlock["lang"][] = ["ts", "tsx"]): ReadmeBlock[] => {
  const lines = readFileSync(file, "utf8").split("\n");
  const blocks: ReadmeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)```(\w+)\s*$/.exec(lines[index]!);
    if (!open || !langs.includes(open[2] as ReadmeBlock["lang"])) continue;
    const indent = open[1]!.length;
    const start = index;
    const body: string[] = [];
    while (++index < lines.length && !/^\s*```\s*$/.test(lines[index]!)) body.push(lines[index]!.slice(indent));
    blocks.push({
      readme: relative(root, file),
      dir: join(file, ".."),
      line: start + 1,
      lang: open[2] as ReadmeBlock["lang"],
      code: body.join("\n"),
      skip: /<!--\s*docs-test:\s*skip\s*-->/.test(lines[start - 1] ?? ""),
      example: namesExample.exec(body[0] ?? "")?.[1],
    });
  }
  return blocks;
};
