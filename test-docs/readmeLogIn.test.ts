import ts from "typescript";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSession, memoryBackend, type BeforeCommit, type Session } from "@sessionid/core";
import { blocksOf, readmes, type ReadmeBlock } from "./readmeBlocks.ts";

/** The argument of each `refresh(…)` call in `block` whose callback posts to /api/login. */
const logInCallbacks = (block: ReadmeBlock): string[] => {
  const found: string[] = [];
  for (let at = block.code.indexOf("refresh("); at != -1; at = block.code.indexOf("refresh(", at + 1)) {
    let depth = 0;
    let end = at + "refresh".length;
    for (; end < block.code.length; end++) {
      if (block.code[end] == "(") depth++;
      else if (block.code[end] == ")" && --depth == 0) break;
    }
    const argument = block.code.slice(at + "refresh(".length, end);
    if (argument.includes("/api/login")) found.push(argument);
  }
  return found;
};

// Svelte and Vue components count too: their log-in callbacks sit in the <script> block.
const examples = readmes()
  .flatMap((readme) => blocksOf(readme, ["ts", "tsx", "svelte", "vue"]))
  .flatMap((block) => logInCallbacks(block).map((source) => ({ where: `${block.readme}:${block.line}`, source })));

/** The README's callback, compiled, with `fetch` (and the root README's `api`) answering `status`. */
const compile = (source: string, fetch: typeof globalThis.fetch): BeforeCommit => {
  const js = ts.transpileModule(`export default (${source});`, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
  const module = { exports: {} as { default: BeforeCommit } };
  new Function("module", "exports", "fetch", "api", js)(module, module.exports, fetch, fetch);
  return module.exports.default;
};

const sessions: Session[] = [];
afterEach(() => sessions.splice(0).forEach((session) => session.dispose()));

describe("README log-in examples", () => {
  it("are found in the root, React, Vue, Svelte and Solid READMEs", () => {
    const where = new Set(examples.map((example) => example.where.split(":")[0]));
    for (const readme of ["README.md", "packages/react/README.md", "packages/vue/README.md", "packages/svelte/README.md", "packages/solid/README.md"])
      expect(where).toContain(readme);
  });

  describe.each(examples)("$where", ({ source }) => {
    const run = async (status: number) => {
      const fetch = vi.fn(async () => new Response(JSON.stringify({}), { status }));
      const session = createSession({ storage: memoryBackend() });
      sessions.push(session);
      const before = session.get();
      const refreshing = session.refresh(compile(source, fetch as unknown as typeof globalThis.fetch));
      return { session, before, refreshing, fetch };
    };

    it.each([401, 500])("a %i answer makes refresh reject and keeps the ID", async (status) => {
      const { session, before, refreshing, fetch } = await run(status);
      await expect(refreshing).rejects.toThrow();
      expect(fetch).toHaveBeenCalledOnce();
      expect(session.get()).toBe(before);
    });

    it("a 200 answer commits the next ID", async () => {
      const { session, before, refreshing } = await run(200);
      const next = await refreshing;
      expect(next).not.toBe(before);
      expect(session.get()).toBe(next);
    });
  });
});
