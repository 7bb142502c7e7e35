// Where the core's bytes go: each size-limit entry of packages/core bundled from source the way
// size-limit bundles it (esbuild, minified, production condition), with every module's share of
// the minified output. Gzip does not split by module, so each module's gzip figure is its share
// of the whole entry's gzip size: an estimate, good for deciding what to shrink.
//
//   node scripts/sizeBreakdown.mjs
import { gzipSync } from "node:zlib";
import { bundleCore, coreEntries } from "./bundleCore.mjs";

for (const [name, contents] of Object.entries(coreEntries)) {
  const result = await bundleCore(contents);
  const code = result.outputFiles[0].contents;
  const gzip = gzipSync(code, { level: 9 }).length;
  console.log(`\n${name}: ${code.length} B minified, ${gzip} B gzip`);
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  for (const [file, { bytesInOutput }] of Object.entries(inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput))
    if (bytesInOutput) console.log(`  ${String(bytesInOutput).padStart(5)} B  ~${String(Math.round((bytesInOutput / code.length) * gzip)).padStart(4)} B gzip  ${file.replace(/^.*node_modules\//, "")}`);
}
