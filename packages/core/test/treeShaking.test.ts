// @vitest-environment node
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/** The code an app ships when it imports `names` from `entry`, bundled and minified as an app would. */
const bundle = async (code: string) => {
  const result = await build({
    stdin: { contents: code, resolveDir: import.meta.dirname, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
};

describe("what an app ships", () => {
  it("an app that uses only createSession (sessionStorage) ships no IndexedDB, cookie or cross-tab lock code", async () => {
    const code = await bundle(`import { createSession } from "../src/index.ts"; createSession();`);
    expect(code).toContain("sessionStorage");
    expect(code).not.toMatch(/indexedDB\.|document\.cookie|Max-Age=|navigator\.locks/);
  });

  it("the IndexedDB and cookie backends come only with their subpaths", async () => {
    const idb = await bundle(`import { indexedDBBackend } from "../src/indexedDBBackend.ts"; indexedDBBackend();`);
    expect(idb).toContain("indexedDB");
    expect(idb).not.toContain("document.cookie");
    const cookie = await bundle(`import { cookieBackend } from "../src/cookieBackend.ts"; cookieBackend();`);
    expect(cookie).toContain("document.cookie");
    expect(cookie).not.toContain("indexedDB");
  });

  it("never uses Math.random anywhere in the package", async () => {
    const everything = await bundle(
      `export * from "../src/index.ts"; export * from "../src/indexedDBBackend.ts"; export * from "../src/cookieBackend.ts";`,
    );
    expect(everything).toContain("getRandomValues");
    expect(everything).not.toContain("Math.random");
  });
});
