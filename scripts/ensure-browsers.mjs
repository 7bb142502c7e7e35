// The browser suites drive three engines from Debian, never a downloaded browser: Chromium
// (/usr/bin/chromium), Firefox ESR (/usr/bin/firefox-esr) and WebKitGTK (WebKitWebDriver and
// MiniBrowser, on an Xvfb display). When some are missing and we are root with apt, install
// them; otherwise say exactly what to install and stop.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromiumPath } from "../test-shared/chromium.mjs";

const needs = [
  ["chromium", chromiumPath],
  ["firefox-esr", "/usr/bin/firefox-esr"],
  ["webkit2gtk-driver", "/usr/bin/WebKitWebDriver"],
  // MiniBrowser comes with libwebkit2gtk-4.1-0, which webkit2gtk-driver depends on.
  ["webkit2gtk-driver", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"],
  ["xvfb", "/usr/bin/Xvfb"],
  ["xauth", "/usr/bin/xauth"],
];
const missing = [...new Set(needs.filter(([, path]) => !existsSync(path)).map(([pkg]) => pkg))];

if (missing.length) {
  const all = [...new Set(needs.map(([pkg]) => pkg))].join(" ");
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log(`Installing the test browsers from Debian (missing: ${missing.join(", ")})…`);
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${all}`, { stdio: "inherit" });
    const still = needs.filter(([, path]) => !existsSync(path));
    if (still.length) {
      console.error(`Still missing after apt-get install: ${still.map(([, path]) => path).join(", ")}`);
      process.exit(1);
    }
  } else {
    console.error(
      `The browser tests need Debian's ${missing.join(", ")} (missing: ${needs
        .filter(([, path]) => !existsSync(path))
        .map(([, path]) => path)
        .join(", ")}).\nInstall them with:\n  sudo apt-get update && sudo apt-get install -y ${all}`,
    );
    process.exit(1);
  }
}
