// WebKit: WebKitGTK's MiniBrowser through WebKitWebDriver (WebDriver classic, our own client in
// webdriver.mjs), on an Xvfb display. The engine is the display; a profile is one WebDriver
// session, so one driver process and one MiniBrowser with its own temporary profile
// (WebKitWebDriver holds one session at a time). Each tab is a window of that MiniBrowser.
import { spawn } from "node:child_process";
import { startDriver, WebDriverSession } from "./webdriver.mjs";

export const webkitDriverPath = "/usr/bin/WebKitWebDriver";
export const miniBrowserPath = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/** The WebDriver code points of the named keys `tab.press` takes (WebDriver spec, "Keyboard actions"). */
const webDriverKeys = { Enter: "\uE007", Tab: "\uE004", Escape: "\uE00C", Home: "\uE011", End: "\uE010", ArrowUp: "\uE013", ArrowDown: "\uE015", ArrowLeft: "\uE012", ArrowRight: "\uE014" };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const children = new Set();
process.once("exit", () => children.forEach((child) => child.kill("SIGKILL")));

/** An X display of our own: `Xvfb -displayfd` picks a free number and tells it. */
async function startXvfb() {
  const child = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  children.add(child);
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  const display = await new Promise((resolve, reject) => {
    let text = "";
    child.stdio[3].on("data", (chunk) => {
      text += chunk;
      if (text.includes("\n")) resolve(`:${text.trim()}`);
    });
    child.once("exit", (code) => reject(new Error(`Xvfb exited (${code}): ${stderr}`)));
    child.once("error", reject);
  });
  return { display, child };
}

/**
 * evaluate without holding the session: WebDriver runs one command at a time per session, so an
 * execute that awaits something another tab must do (a Web Lock) would block that tab forever.
 * The script starts the work and answers within 50 ms, or leaves the answer in the page to be
 * fetched by short polls.
 */
const startScript = (expression) => `
const done = arguments[arguments.length - 1];
const id = arguments[0];
const runs = (window.__sessionidRuns ??= {});
runs[id] = undefined;
let answered = false;
(${expression}).then((json) => {
  if (answered) runs[id] = json;
  else (answered = true), delete runs[id], done({ json });
});
setTimeout(() => { if (!answered) (answered = true), done({ pending: true }); }, 50);`;

const pollScript = `
const runs = window.__sessionidRuns, id = arguments[0];
if (!runs || !(id in runs)) return { gone: true };
if (runs[id] === undefined) return { pending: true };
const json = runs[id];
delete runs[id];
return { json };`;

export async function launchWebKit({ backForwardCache = false } = {}) {
  const xvfb = await startXvfb();
  const env = { ...process.env, DISPLAY: xvfb.display };
  delete env.WAYLAND_DISPLAY;
  const capabilities = {
    browserName: "MiniBrowser",
    // Test pages may use a throwaway self-signed certificate on https://127.0.0.1.
    acceptInsecureCerts: true,
    "webkitgtk:browserOptions": {
      binary: process.env.MINIBROWSER_PATH ?? miniBrowserPath,
      args: [
        "--automation",
        // Otherwise window.open from a script is refused.
        "--javascript-can-open-windows-automatically=true",
        `--enable-page-cache=${backForwardCache}`,
      ],
    },
  };
  const profiles = new Set();
  let version = "";
  let runs = 0;

  async function newProfile() {
    const driver = await startDriver(process.env.WEBKIT_DRIVER_PATH ?? webkitDriverPath, env);
    children.add(driver.child);
    let session;
    try {
      session = await WebDriverSession.create(driver.base, capabilities);
    } catch (error) {
      driver.child.kill("SIGKILL");
      throw error;
    }
    await session.command(undefined, "POST", "/timeouts", { script: 120_000, pageLoad: 120_000, implicit: 0 });
    // The session's first window stays open and unused: after a window closes, the driver needs
    // an open current window before it can open another.
    const home = session.current;
    const known = new Set([home]);

    /** The WebDriver id of the first element matching `selector`, waiting up to 20 s for one. */
    const element = async (handle, selector) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        try {
          const found = await session.command(handle, "POST", "/element", { using: "css selector", value: selector });
          return found["element-6066-11e4-a52e-4f735466cecf"];
        } catch (error) {
          if (error?.error != "no such element" || Date.now() > deadline) throw error;
          await sleep(50);
        }
      }
    };

    const rawTab = (handle) => ({
      async run(expression) {
        const id = `run${++runs}`;
        let answer = await session.command(handle, "POST", "/execute/async", { script: startScript(expression), args: [id] });
        while (answer.pending) {
          await sleep(20);
          answer = await session.command(handle, "POST", "/execute/sync", { script: pollScript, args: [id] });
          if (answer.gone) throw new Error("the page navigated away before the evaluate answered");
        }
        return answer.json;
      },
      async click(selector) {
        // Playwright and puppeteer wait until the element can take the click; WebDriver answers
        // "element not interactable" (hidden, not laid out yet) or "element click intercepted"
        // (covered) at once, and a re-render can replace the element: so retry for up to 20 s.
        const deadline = Date.now() + 20_000;
        for (;;) {
          try {
            return void (await session.command(handle, "POST", `/element/${await element(handle, selector)}/click`, {}));
          } catch (error) {
            const retry = ["element not interactable", "element click intercepted", "stale element reference"].includes(error?.error);
            if (!retry || Date.now() > deadline) throw error;
            await sleep(50);
          }
        }
      },
      async fill(selector, text) {
        const id = await element(handle, selector);
        await session.command(handle, "POST", `/element/${id}/clear`, {});
        await session.command(handle, "POST", `/element/${id}/value`, { text });
      },
      async press(selector, key) {
        const id = await element(handle, selector);
        const value = webDriverKeys[key] ?? key;
        await session.command(handle, "POST", "/execute/sync", {
          script: "arguments[0].focus()",
          args: [{ "element-6066-11e4-a52e-4f735466cecf": id }],
        });
        await session.command(handle, "POST", "/actions", {
          actions: [{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value }, { type: "keyUp", value }] }],
        });
        await session.command(handle, "DELETE", "/actions");
      },
      async cookies() {
        const cookies = await session.command(handle, "GET", "/cookie");
        return cookies.map(({ name, value, domain, path, expiry, httpOnly, secure, sameSite }) => ({
          name, value, domain, path, expires: expiry ?? -1, httpOnly, secure, sameSite,
        }));
      },
      async popup(trigger) {
        const before = new Set(await session.command(undefined, "GET", "/window/handles"));
        await trigger();
        const deadline = Date.now() + 60_000;
        for (;;) {
          const handles = await session.command(undefined, "GET", "/window/handles");
          const added = handles.find((candidate) => !before.has(candidate) && !known.has(candidate));
          if (added) return known.add(added), rawTab(added);
          if (Date.now() > deadline) throw new Error("window.open made no window");
          await sleep(50);
        }
      },
      async close() {
        await session.command(handle, "DELETE", "/window");
        known.delete(handle);
        // Back to a window that is open (see `home`).
        await session.command(home, "GET", "/window");
      },
    });

    const profile = {
      version: session.capabilities?.browserVersion ?? "",
      async openTab(url) {
        const { handle } = await session.command(home, "POST", "/window/new", { type: "window" });
        known.add(handle);
        await session.command(handle, "POST", "/url", { url });
        return rawTab(handle);
      },
      async close() {
        if (!profiles.delete(profile)) return;
        await session.delete().catch(() => {});
        driver.child.kill("SIGTERM");
        children.delete(driver.child);
      },
    };
    profiles.add(profile);
    return profile;
  }

  // A first profile: proves the set-up works, and tells the version.
  const first = await newProfile();
  try {
    version = first.version;
    await (await first.openTab("about:blank")).run(`(async () => "{}")()`);
  } finally {
    await first.close();
  }

  return {
    name: "webkit",
    version,
    newProfile,
    async close() {
      await Promise.all([...profiles].map((profile) => profile.close()));
      xvfb.child.kill("SIGTERM");
      children.delete(xvfb.child);
    },
  };
}
