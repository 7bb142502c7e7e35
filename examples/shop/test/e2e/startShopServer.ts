import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

/** A running shop server (a child process), restartable on the same port and database. */
export interface ShopServer {
  url: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const launch = (dist: string, dbFile: string, port: number) =>
  new Promise<{ child: ChildProcess; url: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [join(dist, "server/start.js")], {
      env: { ...process.env, PORT: String(port), SHOP_DB: dbFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const timer = setTimeout(() => (child.kill(), reject(new Error(`The shop server did not start within 10 s:\n${output}`))), 10_000);
    const listen = (chunk: Buffer) => {
      output += chunk;
      const url = /Shop running at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      if (url) clearTimeout(timer), resolve({ child, url });
    };
    child.stdout!.on("data", listen);
    child.stderr!.on("data", listen);
    child.once("exit", (code) => (clearTimeout(timer), reject(new Error(`The shop server exited (${code}) before it started:\n${output}`))));
  });

const terminate = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode != null || child.signalCode != null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

/** Starts `dist/server/start.js` on a free port of 127.0.0.1 with its own database file. */
export async function startShopServer(dist: string, dbFile: string): Promise<ShopServer> {
  let { child, url } = await launch(dist, dbFile, 0);
  const port = Number(new URL(url).port);
  return {
    url,
    async restart() {
      await terminate(child);
      // Same port, so the page's origin (and its storage) stays the same.
      ({ child } = await launch(dist, dbFile, port));
    },
    stop: () => terminate(child),
  };
}
