import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { captureScriptTag } from "../../test-shared/browsers/index.mjs";

/** One HTML page the app served through the proxy, as the app sent it (before the injection). */
export interface ServedPage {
  /** Host header of the request (`127.0.0.1:P` or `localhost:P`). */
  host: string;
  /** Path and query. */
  path: string;
  /** The Cookie header the browser sent, or "". */
  cookie: string;
  status: number;
  /** The whole body, once the response has ended. */
  html: Promise<string>;
}

/** A reverse proxy in front of an app server, on 127.0.0.1. */
export interface CaptureProxy {
  /** The proxy's port: open `http://127.0.0.1:<port>/…` and `http://localhost:<port>/…` (two sites). */
  port: number;
  /** Every HTML page served so far, oldest first. */
  pages: ServedPage[];
  close(): Promise<void>;
}

// `<head>` or `<head …>`, never `<header>`.
const headTag = /<head(?:\s[^>]*)?>/i;
// How much of a page may pass without a `<head>` before the proxy gives up looking for one.
const headSearchLimit = 64 * 1024;

/**
 * Puts a reverse proxy in front of `target` (`http://127.0.0.1:P`) that injects the driver's
 * uncaught-error capture (`captureScriptTag`) right after `<head>` of every HTML response, so it
 * runs before any of the app's scripts in every engine (WebKit's WebDriver has no init scripts).
 * It streams (a streamed server render stays streamed), keeps the Host header (so `localhost` and
 * `127.0.0.1` stay two sites for the app), asks the app for uncompressed bodies, passes WebSocket
 * upgrades through (dev servers' hot reload) and records each HTML page as the app sent it.
 *
 * @example
 * const proxy = await startCaptureProxy("http://127.0.0.1:3000");
 * const tab = await profile.openTab(`http://127.0.0.1:${proxy.port}/cookie`);
 * const serverHtml = await proxy.pages.at(-1)!.html;
 */
export async function startCaptureProxy(target: string): Promise<CaptureProxy> {
  const upstream = new URL(target);
  const pages: ServedPage[] = [];
  const forwardHeaders = (headers: IncomingHttpHeaders) => {
    // Identity bodies, so the injection can read the HTML; the Host header stays the browser's.
    const { "accept-encoding": _, ...rest } = headers;
    return rest;
  };

  const server = createServer((request, response) => {
    const outgoing = httpRequest(
      { hostname: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: forwardHeaders(request.headers) },
      (answer) => {
        const isHtml = /^text\/html/i.test(answer.headers["content-type"] ?? "") && !answer.headers["content-encoding"];
        if (!isHtml) {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
          return;
        }
        const { "content-length": _, ...headers } = answer.headers;
        response.writeHead(answer.statusCode ?? 502, headers);
        const chunks: Buffer[] = [];
        let pending = "";
        let injected = false;
        const html = new Promise<string>((resolve) => {
          answer.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
          answer.on("error", () => resolve(Buffer.concat(chunks).toString("utf8")));
        });
        pages.push({ host: request.headers.host ?? "", path: request.url ?? "/", cookie: request.headers.cookie ?? "", status: answer.statusCode ?? 0, html });
        answer.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          if (injected) return void response.write(chunk);
          // The tag can be split across chunks: hold the start of the page until it is whole.
          pending += chunk.toString("latin1");
          const match = headTag.exec(pending);
          if (match || pending.length > headSearchLimit) {
            const at = match ? match.index + match[0].length : 0;
            response.write(Buffer.from(pending.slice(0, at), "latin1"));
            response.write(captureScriptTag);
            response.write(Buffer.from(pending.slice(at), "latin1"));
            injected = true;
            pending = "";
          }
        });
        answer.on("end", () => {
          if (pending) response.write(Buffer.from(pending, "latin1"));
          response.end();
        });
      },
    );
    outgoing.on("error", (error) => {
      if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" });
      response.end(`proxy: ${error.message}`);
    });
    request.pipe(outgoing);
  });

  // WebSocket (and any other upgrade): the raw request goes on to the app, then bytes both ways.
  const tunnels = new Set<{ destroy(): void }>();
  server.on("upgrade", (request, socket, head) => {
    tunnels.add(socket);
    const app = connect(Number(upstream.port), upstream.hostname, () => {
      const lines = [`${request.method} ${request.url} HTTP/${request.httpVersion}`];
      for (let i = 0; i < request.rawHeaders.length; i += 2) lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
      app.write(lines.join("\r\n") + "\r\n\r\n");
      if (head.length) app.write(head);
      app.pipe(socket);
      socket.pipe(app);
    });
    tunnels.add(app);
    const end = () => (app.destroy(), socket.destroy(), tunnels.delete(app), tunnels.delete(socket));
    app.on("error", end);
    socket.on("error", end);
    app.on("close", end);
    socket.on("close", end);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    pages,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        // Upgraded sockets are no longer the server's connections: end them too.
        for (const tunnel of tunnels) tunnel.destroy();
        server.close(() => resolve());
      }),
  };
}
