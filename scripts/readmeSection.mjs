// A generated part of the root README: the text between `<!-- <name>:start (<script> --write) -->`
// and `<!-- <name>:end -->`, read by the tests that keep it in sync and written by its script.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const file = join(import.meta.dirname, "../README.md");

/**
 * The README section `name`, written by `script`.
 *
 * @example
 * const section = readmeSection("size-table", "scripts/sizeTable.mjs");
 * section.write(table); // section.read() == table afterwards
 */
export const readmeSection = (name, script) => {
  const start = `<!-- ${name}:start (${script} --write) -->`;
  const end = `<!-- ${name}:end -->`;
  const bounds = (readme) => {
    const from = readme.indexOf(start);
    const to = readme.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md has no ${name} section between "${start}" and "${end}"`);
    return [from + start.length, to];
  };
  return {
    read() {
      const readme = readFileSync(file, "utf8");
      const [from, to] = bounds(readme);
      return readme.slice(from, to).trim();
    },
    write(text) {
      const readme = readFileSync(file, "utf8");
      const [from, to] = bounds(readme);
      writeFileSync(file, `${readme.slice(0, from)}\n${text}\n${readme.slice(to)}`);
    },
  };
};
