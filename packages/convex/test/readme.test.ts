import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";

const read = (file: string) => readFileSync(join(import.meta.dirname, "..", file), "utf8");
const entries = JSON.parse(read("package.json"))["size-limit"] as { name: string; limit: string }[];

test.each(entries)("the README states $name's size within the budget package.json enforces", ({ name, limit }) => {
  const row = new RegExp(`^\\| \`${name}\` \\| (\\d+) B \\| (\\d+ B) \\|$`, "m").exec(read("README.md"));
  expect(row?.[2]).toBe(limit);
  expect(Number(row![1])).toBeLessThanOrEqual(parseInt(limit));
});
