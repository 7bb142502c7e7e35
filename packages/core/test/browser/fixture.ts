// Puts the core on `window` for tests driven by Playwright: a page of the origin is a "tab".
import * as core from "../../src/index.ts";
import { cookieBackend } from "../../src/cookieBackend.ts";
import { indexedDBBackend } from "../../src/indexedDBBackend.ts";
import { sessionLifetime } from "../../src/sessionLifetime.ts";

const api = { ...core, cookieBackend, indexedDBBackend, sessionLifetime };
declare global {
  interface Window {
    sessionid: typeof api;
  }
}
window.sessionid = api;
