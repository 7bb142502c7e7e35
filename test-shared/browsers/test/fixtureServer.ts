// The self-tests' pages, from node:http and node:https on 127.0.0.1 (port 0; https with a
// throwaway self-signed certificate made by openssl). Every path is the same small page, which
// includes the uncaught capture first and reads localStorage once (WebKit delivers `storage`
// events only to a tab that has). `?throw` makes it throw while it loads. `/cookie` answers the
// Cookie header the request carried. The body has a button, an input, a select, a checkbox and
// a button that opens `/opened`, which record the events they get (and whether those are trusted).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { captureScriptTag } from "../index.mjs";

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>driver fixture</title>
${captureScriptTag}
<script>
  localStorage.length;
  if (location.search.includes("throw")) setTimeout(() => { throw new Error("thrown while loading"); });
  window.fixture = true;
</script>
</head><body><p>fixture</p>
<button id="button" onclick="window.clicks = (window.clicks ?? 0) + (event.isTrusted ? 1 : 100)">click</button>
<input id="input" oninput="window.typed = this.value">
<select id="select" onchange="(window.changes ??= []).push(this.value + (event.isTrusted ? '' : ' (untrusted)'))">
<option value="one">One</option><option value="two">Two</option><option value="off" disabled>Off</option><option value="three">Three</option>
</select>
<input id="checkbox" type="checkbox" onchange="(window.changes ??= []).push(this.checked + (event.isTrusted ? '' : ' (untrusted)'))">
<button id="opener" onclick="window.open('/opened')">open</button>
</body></html>`;

const handle = (request: IncomingMessage, response: ServerResponse) => {
  if (request.url == "/cookie") {
    response.writeHead(200, { "content-type": "application/json" });
    return response.end(JSON.stringify(request.headers.cookie ?? ""));
  }
  // No cache-control: no-store, which would keep pages out of the back/forward cache.
  response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  response.end(page);
};

const listen = async (server: Server, scheme: string) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

export async function startFixtureServer() {
  const certDir = mkdtempSync(join(tmpdir(), "sessionid-driver-cert-"));
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1",
    "-keyout", join(certDir, "key.pem"), "-out", join(certDir, "cert.pem"),
  ], { stdio: "ignore" });
  const tls = { key: readFileSync(join(certDir, "key.pem")), cert: readFileSync(join(certDir, "cert.pem")) };
  rmSync(certDir, { recursive: true, force: true });
  const servers = [createServer(handle), createHttpsServer(tls, handle)];
  const [origin, secureOrigin] = [await listen(servers[0]!, "http"), await listen(servers[1]!, "https")];
  const close = () =>
    Promise.all(servers.map((server) => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())))));
  return { origin: origin!, secureOrigin: secureOrigin!, close };
}
