// A small WebDriver-classic client over fetch, enough for WebKitGTK's WebKitWebDriver: one
// session per driver process (WebKitWebDriver refuses a second: "Maximum number of active
// sessions"), commands sent one at a time, each aimed at a window handle (the driver switches
// to it first).
import { spawn } from "node:child_process";
import { createServer } from "node:net";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class WebDriverError extends Error {
  constructor(error, message) {
    super(`${error}: ${message}`);
    this.error = error;
  }
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function request(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebDriverError("bad answer", `${method} ${path}: HTTP ${response.status} ${text.slice(0, 200)}`);
  }
  const value = json.value;
  if (!response.ok || (value && typeof value == "object" && "error" in value && typeof value.error == "string"))
    throw new WebDriverError(value?.error ?? `HTTP ${response.status}`, `${method} ${path}: ${value?.message ?? text.slice(0, 200)}`);
  return value;
}

/** Starts a driver binary (`--port=P`) and waits until it answers /status. */
export async function startDriver(binary, env, { timeout = 60_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn(binary, [`--port=${port}`, "--host=127.0.0.1"], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-2000)));
    let exited = false;
    child.once("exit", () => (exited = true));
    const base = `http://127.0.0.1:${port}`;
    while (!exited && Date.now() < deadline) {
      try {
        await request(base, "GET", "/status");
        return { base, child };
      } catch {
        await sleep(100);
      }
    }
    child.kill("SIGKILL");
    if (Date.now() >= deadline || attempt >= 3) throw new Error(`${binary} did not start: ${stderr}`);
  }
}

export class WebDriverSession {
  #base;
  #queue = Promise.resolve();
  /** The window the driver's commands currently go to. */
  current;

  constructor(base, id, handle) {
    this.#base = `${base}/session/${id}`;
    this.current = handle;
    this.base = base;
    this.id = id;
  }

  static async create(base, capabilities) {
    const created = await request(base, "POST", "/session", { capabilities: { alwaysMatch: capabilities } });
    const session = new WebDriverSession(base, created.sessionId, undefined);
    session.capabilities = created.capabilities;
    session.current = await session.command(undefined, "GET", "/window");
    return session;
  }

  /** Sends one command to window `handle` (undefined: whichever is current), after those queued before it. */
  command(handle, method, path, body) {
    const run = this.#queue.then(async () => {
      if (handle !== undefined && handle !== this.current) {
        await request(this.#base, "POST", "/window", { handle });
        this.current = handle;
      }
      return request(this.#base, method, path, body);
    });
    this.#queue = run.catch(() => {});
    return run;
  }

  /** Ends the session (the browser process goes with it). */
  async delete() {
    await this.#queue;
    await request(this.#base, "DELETE", "");
  }
}
