// The fixture's server: PORT and SHOP_DB as the contract says, a grandchild process (so a test
// can check that stopping ends the whole process group), a streamed page whose <head> tag is
// split across chunks, and a raw WebSocket-like upgrade that echoes.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";

const grandchild = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
writeFileSync(process.env.SHOP_DB, JSON.stringify({ port: process.env.PORT, grandchild: grandchild.pid }));
const page = readFileSync("out/index.html", "utf8");
const releases = [];

const server = createServer((request, response) => {
  if (request.url == "/echo") {
    response.writeHead(200, { "content-type": "application/json" });
    return response.end(JSON.stringify({ host: request.headers.host, cookie: request.headers.cookie ?? "", encoding: request.headers["accept-encoding"] ?? "" }));
  }
  if (request.url == "/release") {
    releases.splice(0).forEach((release) => release());
    return response.end("released");
  }
  response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(page) });
  const split = page.indexOf("<head") + 3;
  const body = page.indexOf("<body");
  response.write(page.slice(0, split));
  response.write(page.slice(split, body));
  // /held keeps the body back until /release: the proxy must have passed the head on by then.
  if (request.url == "/held") releases.push(() => response.end(page.slice(body)));
  else setTimeout(() => response.end(page.slice(body)), 20);
});
server.on("upgrade", (request, socket) => {
  socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n");
  socket.on("data", (data) => socket.write(data));
});
server.listen(Number(process.env.PORT), "127.0.0.1");
