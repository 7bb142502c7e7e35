import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";

const read = (file: string) => readFileSync(join(import.meta.dirname, "..", file), "utf8");
// The table's rows: one per entry point, measured alone. The two other entries (with the React
// adapter and core bundled in, and convex-helpers' module beside it) are stated in the prose
// after the table; test-docs/sizeTable.test.ts checks every figure against size-limit's.
const entries = (JSON.parse(read("package.json"))["size-limit"] as { name: string; limit?: string }[]).filter((entry) =>
  /^@sessionid\/convex\/\w+$/.test(entry.name),
) as { name: string; limit: string }[];

test("the table has a row per entry point", () => expect(entries.map((entry) => entry.name)).toEqual(["@sessionid/convex/server", "@sessionid/convex/browser", "@sessionid/convex/react"]));

test.each(entries)("the README states $name's size within the budget package.json enforces", ({ name, limit }) => {
  const row = new RegExp(`^\\| \`${name}\` \\| (\\d+) B \\| (\\d+ B) \\|$`, "m").exec(read("README.md"));
  expect(row?.[2]).toBe(limit);
  expect(Number(row![1])).toBeLessThanOrEqual(parseInt(limit));
});
