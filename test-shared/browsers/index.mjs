// One engine-neutral browser driver for the tests and the bench: Chromium, Firefox and WebKit
// behind the same small API (documented in index.d.mts and README.md here).
import { launchChromium } from "./chromium.mjs";
import { launchFirefox } from "./firefox.mjs";
import { Tab } from "./tab.mjs";
import { launchWebKit } from "./webkit.mjs";

export { captureScriptTag, captureSource, captureVitePlugin } from "./capture.mjs";
export { defaultTimeout, EvaluateError, Tab } from "./tab.mjs";

/** Every engine, in the order the suites run them. */
export const engineNames = ["chromium", "firefox", "webkit"];

/** The engines to test: `SESSIONID_ENGINES=firefox,webkit` narrows the list, default all. */
export const enginesToTest = () => {
  const wanted = process.env.SESSIONID_ENGINES?.split(",").map((name) => name.trim()).filter(Boolean);
  if (!wanted?.length) return [...engineNames];
  const unknown = wanted.filter((name) => !engineNames.includes(name));
  if (unknown.length) throw new Error(`SESSIONID_ENGINES: unknown engine ${unknown.join(", ")} (known: ${engineNames.join(", ")})`);
  return wanted;
};

const launchers = { chromium: launchChromium, firefox: launchFirefox, webkit: launchWebKit };

export async function launchEngine(name, options = {}) {
  const launch = launchers[name];
  if (!launch) throw new Error(`unknown engine ${name} (known: ${engineNames.join(", ")})`);
  const raw = await launch(options);
  const profiles = new Set();
  let closed = false;
  return {
    name,
    version: raw.version,
    async newProfile() {
      const rawProfile = await raw.newProfile();
      const profile = {
        async openTab(url) {
          return new Tab(await rawProfile.openTab(url));
        },
        async close() {
          if (!profiles.delete(profile)) return;
          await rawProfile.close();
        },
      };
      profiles.add(profile);
      return profile;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...profiles].map((profile) => profile.close()));
      await raw.close();
    },
  };
}
