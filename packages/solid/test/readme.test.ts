import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

const read = (file: string) => readFileSync(join(import.meta.dirname, "..", file), "utf8");

it("the README states the size budget that package.json enforces", () => {
  const [entry] = JSON.parse(read("package.json"))["size-limit"] as { limit: string }[];
  const [, budget] = /^(\d+) B$/.exec(entry!.limit) ?? [];
  expect(budget).toBeDefined();
  expect(read("README.md")).toMatch(new RegExp(`limit\\s+${budget} B`));
});
