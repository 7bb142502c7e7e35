import { createServer, type AddressInfo } from "node:net";
import { runScript, type ScriptProcess } from "./runScript.ts";

/** An app's server (its `serve` or `dev` script) listening on 127.0.0.1. */
export interface AppServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** What the server printed so far. */
  output(): string;
  /** Ends the server's whole process group. */
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the OS picks it). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/**
 * Starts `script` (`serve` or `dev`) of the app in `dir` with `PORT` a free port and `SHOP_DB`
 * the given file, and answers once the server answers any HTTP request on `/` (a dev server's
 * first compile can take a while on a loaded machine: `timeout`, default 4 minutes).
 *
 * @example
 * const server = await startAppServer(dir, "serve", { dbFile: "/tmp/x/shop.db" });
 * await fetch(`${server.url}/cookie`);
 * await server.stop();
 */
export async function startAppServer(
  dir: string,
  script: "serve" | "dev",
  { dbFile, timeout = 240_000 }: { dbFile: string; timeout?: number },
): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const running: ScriptProcess = runScript(dir, script, { PORT: String(port), SHOP_DB: dbFile });
  let exitCode: number | string | undefined;
  void running.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeout;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`${script} in ${dir} exited (${exitCode}) before it answered:\n${running.output()}`);
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(30_000), redirect: "manual" }).then((answer) => answer.arrayBuffer());
      break;
    } catch {}
    if (Date.now() > deadline) {
      await running.stop();
      throw new Error(`${script} in ${dir} did not answer on ${url} within ${timeout} ms:\n${running.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, port, output: running.output, stop: () => running.stop() };
}
