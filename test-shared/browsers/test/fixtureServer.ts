// The self-tests' pages, from node:http on 127.0.0.1 (port 0). Every path is the same small
// page, which includes the uncaught capture first and reads localStorage once (WebKit delivers
// `storage` events only to a tab that has). `?throw` makes it throw while it loads.
// `/cookie` answers the Cookie header the request carried.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { captureScriptTag } from "../index.mjs";

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>driver fixture</title>
${captureScriptTag}
<script>
  localStorage.length;
  if (location.search.includes("throw")) setTimeout(() => { throw new Error("thrown while loading"); });
  window.fixture = true;
</script>
</head><body><p>fixture</p></body></html>`;

export async function startFixtureServer() {
  const server = createServer((request, response) => {
    if (request.url == "/cookie") {
      response.writeHead(200, { "content-type": "application/json" });
      return response.end(JSON.stringify(request.headers.cookie ?? ""));
    }
    // No cache-control: no-store, which would keep pages out of the back/forward cache.
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
