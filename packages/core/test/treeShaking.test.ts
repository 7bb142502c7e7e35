// @vitest-environment node
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/** The code an app ships when it imports `names` from `entry`, bundled and minified as an app would. */
const bundle = async (code: string, conditions = ["@sessionid/source", "production"]) => {
  const result = await build({
    conditions,
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

  it("a production build carries error codes, a development build (the \"development\" condition) the full messages", async () => {
    const app = `import { createSession } from "../src/index.ts"; createSession({ storage: "local" });`;
    const production = await bundle(app);
    const development = await bundle(app, ["@sessionid/source", "development"]);
    expect(development).toContain("storage is a backend value now");
    expect(development).toContain("console.warn");
    expect(production).not.toContain("storage is a backend value now");
    expect(production).not.toContain("does not answer");
    expect(production).not.toContain("console.warn");
    expect(production).toContain("@sessionid ");
  });

  it("never uses Math.random anywhere in the package", async () => {
    const everything = await bundle(
      `export * from "../src/index.ts"; export * from "../src/indexedDBBackend.ts"; export * from "../src/cookieBackend.ts";`,
    );
    expect(everything).toContain("getRandomValues");
    expect(everything).not.toContain("Math.random");
  });
});
