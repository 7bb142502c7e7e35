// @vitest-environment node
// The root README's size table is size-limit's figures for the built packages (the test command
// builds them first), and every size-limit entry is within its limit, so growth fails the run.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ESM script without types
import { formatSize, measure, readmeTable, tableOf } from "../scripts/sizeTable.mjs";
// @ts-expect-error: a plain ESM script without types
import * as ablation from "../scripts/sizeAblation.mjs";

describe("sizes", () => {
  it("are within every package's size-limit, and the README's table says what size-limit measures", async () => {
    const rows: { package: string; name: string; size: number; limit?: number; passed: boolean }[] = await measure();
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(rows.filter((row) => row.limit != null && !row.passed).map((row) => `${row.package}: ${row.name} is ${row.size} B`)).toEqual([]);
    expect(readmeTable(), "README.md is out of date: run node scripts/sizeTable.mjs --write").toBe(tableOf(rows));
    // The package READMEs (what npm shows) state their own figures by hand: each adapter's size
    // alone, every convex entry. Each must be what size-limit measures now.
    // Each package README's "## Size" section (up to the next heading), read once per package.
    const sizeSections = new Map<string, string>();
    const sizeSection = (name: string) => {
      if (!sizeSections.has(name)) {
        const readme = readFileSync(new URL(`../packages/${name}/README.md`, import.meta.url), "utf8");
        const from = readme.indexOf("\n## Size");
        sizeSections.set(name, from < 0 ? "" : readme.slice(from, readme.indexOf("\n## ", from + 1)));
      }
      return sizeSections.get(name)!;
    };
    const stale: string[] = [];
    for (const row of rows) {
      const stated = row.package == "convex" || (row.package != "core" && row.name.includes("@sessionid/core external"));
      if (!stated) continue;
      const figures: string[] = [row.size, row.limit].filter((bytes) => bytes != null).map(formatSize);
      // A size that rounds to its limit must be stated twice: the limit alone does not say it.
      for (const figure of new Set(figures)) {
        const needed = figures.filter((stated) => stated == figure).length;
        if (sizeSection(row.package).split(figure).length - 1 < needed)
          stale.push(`packages/${row.package}/README.md, Size: ${row.name} should say ${figure}${needed > 1 ? " (size and limit)" : ""}`);
      }
    }
    expect(stale).toEqual([]);
  }, 300_000);

  it("what each behaviour costs, as the README's table under Size says", async () => {
    const columns: { shipped: number; bare: number; costs: Record<string, number> }[] = await ablation.ablate();
    expect(columns).toHaveLength(2);
    // Each behaviour measured costs bytes, and dropping them all leaves less than any one does.
    for (const column of columns) {
      expect(Object.values(column.costs).every((cost) => cost > 0)).toBe(true);
      expect(column.bare).toBeLessThan(column.shipped - Math.max(...Object.values(column.costs)));
    }
    expect(ablation.readmeTable(), "README.md is out of date: run node scripts/sizeAblation.mjs --write").toBe(ablation.tableOf(columns));
  }, 120_000);
});
