/**
 * Owns the tree-sitter runtime and the Python grammar. `initPython()` loads the wasm once
 * (asynchronously); after that, parsing is synchronous so analysis can stay synchronous too.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Language, Parser, type Tree } from "web-tree-sitter";

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Directories searched for the two wasm files: next to the bundle, then node_modules. */
function wasmCandidates(file: string): string[] {
  const here = typeof __dirname === "string" ? __dirname : process.cwd();
  return [
    path.join(here, file),
    path.join(here, "..", "dist", file),
    path.join(process.cwd(), "dist", file),
    path.join(process.cwd(), "node_modules", "web-tree-sitter", file),
    path.join(process.cwd(), "node_modules", "tree-sitter-python", file),
  ];
}

function locate(file: string): string {
  const found = wasmCandidates(file).find((p) => fs.existsSync(p));
  if (!found) throw new Error(`python: cannot find ${file}; run "npm run build" first`);
  return found;
}

/** Loads the runtime and the grammar; safe to call many times. */
export function initPython(): Promise<void> {
  loading ??= (async () => {
    const runtime = locate("tree-sitter.wasm");
    await Parser.init({ locateFile: () => runtime });
    const language = await Language.load(fs.readFileSync(locate("tree-sitter-python.wasm")));
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })();
  return loading;
}

/** True once `initPython()` has finished. */
export function pythonReady(): boolean {
  return parser !== undefined;
}

/** Characters per read: web-tree-sitter copies each read into a 10 KiB UTF-16 buffer. */
const READ_CHARS = 4096;

/**
 * The text as a read callback of bounded chunks. Given a string, web-tree-sitter reads it
 * through `text.slice(index)`, the whole rest of the text per read; measured on a 2,000-line
 * file, that kept each edit's text reachable until the next full collection (about 2 MB for
 * every minor collection to copy, a 3 to 4 ms pause), where bounded slices keep none.
 */
function readerOf(text: string): (index: number) => string {
  return (index) => text.slice(index, index + READ_CHARS);
}

/**
 * Parses Python source. Pass the previous tree, already `edit()`ed, to reparse
 * incrementally. Throws if `initPython()` has not completed.
 */
export function parsePython(text: string, oldTree?: Tree | null): Tree {
  if (!parser) throw new Error("python: parser used before initPython() finished");
  const tree = parser.parse(readerOf(text), oldTree ?? null);
  if (!tree) throw new Error("python: tree-sitter returned no tree");
  return tree;
}
