// The browser suites drive Debian's Chromium at /usr/bin/chromium (never a downloaded browser).
// On a fresh machine where we are root with apt, install it; otherwise say what to do.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromiumPath as chromium } from "../test-shared/chromium.mjs";
if (!existsSync(chromium)) {
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("Installing Chromium from Debian for the browser tests (apt-get install chromium)…");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
  } else {
    console.error(`The browser tests need Chromium at ${chromium}: install Debian's package (sudo apt-get install chromium).`);
    process.exit(1);
  }
}
