// The fixture's "production build": one HTML page in out/, which warns from its first script,
// so a test can tell whether the capture ran before the page's own scripts.
import { mkdirSync, writeFileSync } from "node:fs";

mkdirSync("out", { recursive: true });
writeFileSync(
  "out/index.html",
  `<!doctype html><html lang="en"><head data-fixture="yes"><meta charset="utf-8"><title>fixture</title>
<script>console.warn("warned by the page's first script"); window.firstScriptRan = true;</script>
</head><body><header>not the head</header><p data-testid="session-id">fixture-id</p></body></html>`,
);
