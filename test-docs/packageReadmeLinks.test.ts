// A package's README is also its npm page, where a relative link (`../core`, `./src`) leads
// nowhere: package READMEs link to absolute URLs only.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./readmeBlocks.ts";

const packageReadmes = readdirSync(join(root, "packages")).map((name) => join("packages", name, "README.md"));

describe("package READMEs", () => {
  it("link to absolute URLs only (they are the packages' npm pages)", () => {
    const relative = packageReadmes.flatMap((readme) =>
      [...readFileSync(join(root, readme), "utf8").matchAll(/\]\((?!https?:\/\/|#|mailto:)([^)]+)\)/g)].map((link) => `${readme}: ${link[1]}`),
    );
    expect(packageReadmes.length).toBe(6);
    expect(relative).toEqual([]);
  });
});
