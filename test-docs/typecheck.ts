import { join } from "node:path";
import ts from "typescript";
import type { ReadmeBlock } from "./readmeBlocks.ts";

/** A type error in a README block, with the line in the README it points at. */
export interface BlockError {
  readme: string;
  line: number;
  message: string;
}

/**
 * Type-checks README blocks with the workspace's types: each block becomes a module file in its
 * README's folder (so its imports resolve as the reader's would), beside test-docs/placeholders.d.ts.
 */
export const typecheckBlocks = (blocks: ReadmeBlock[]): BlockError[] => {
  const files = new Map<string, { block: ReadmeBlock; text: string; offset: number }>();
  blocks.forEach((block, index) => {
    // Solid blocks compile with Solid's JSX; `export {}` makes every block a module of its own.
    const pragma = block.readme.includes("solid") ? "/** @jsxImportSource solid-js */\n" : "";
    // A block headed by its file name (`// app/SessionFromCookie.tsx`) is that file, so that a
    // sibling block's `import … from "./SessionFromCookie"` finds it.
    const named = /^\/\/ [\w./-]*?([\w-]+)\.tsx?\b/.exec(block.code)?.[1];
    files.set(join(block.dir, `${named ?? `__readme_block_${index}`}.${block.lang}`), { block, text: `${pragma}${block.code}\nexport {};\n`, offset: pragma ? 1 : 0 });
  });
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
    strict: true,
    noImplicitAny: false, // fragments leave callback parameters untyped, as a reader's editor would infer
    skipLibCheck: true,
    esModuleInterop: true,
    allowImportingTsExtensions: true,
    noEmit: true,
    jsx: ts.JsxEmit.ReactJSX,
    customConditions: ["@sessionid/source"],
    types: ["node"],
    typeRoots: [join(import.meta.dirname, "..", "node_modules", "@types")],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists(name);
  host.readFile = (name) => files.get(name)?.text ?? readFile(name);
  host.getSourceFile = (name, version, ...rest) => {
    const file = files.get(name);
    return file ? ts.createSourceFile(name, file.text, version, true) : getSourceFile(name, version, ...rest);
  };
  const program = ts.createProgram([...files.keys(), join(import.meta.dirname, "placeholders.d.ts")], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file && files.has(diagnostic.file.fileName))
    .map((diagnostic) => {
      const { block, offset } = files.get(diagnostic.file!.fileName)!;
      const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      return { readme: block.readme, line: block.line + 1 + line - offset, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n") };
    });
};
