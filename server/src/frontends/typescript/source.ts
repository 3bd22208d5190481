/**
 * Parsing for the TypeScript/JavaScript front end: one error-tolerant parse with the
 * TypeScript compiler API, the syntax errors it recovered from, and source ranges in LSP form.
 */
import ts from "typescript";
import type { Range } from "../../model/types";

/** A parsed script and the syntax errors the parser recovered from. */
export interface ParsedScript {
  sf: ts.SourceFile;
  syntaxErrors: Range[];
}

/** The script kind the compiler should use for a language id or file extension. */
export function scriptKindOf(languageId: string, uri: string): ts.ScriptKind {
  const ext = /\.([cm]?[jt]sx?)$/i.exec(uri)?.[1]?.toLowerCase();
  if (ext === "tsx" || languageId === "typescriptreact") return ts.ScriptKind.TSX;
  if (ext === "jsx" || languageId === "javascriptreact") return ts.ScriptKind.JSX;
  if (ext === "ts" || ext === "mts" || ext === "cts") return ts.ScriptKind.TS;
  if (ext === "js" || ext === "mjs" || ext === "cjs") return ts.ScriptKind.JS;
  return languageId === "typescript" ? ts.ScriptKind.TS : ts.ScriptKind.JS;
}

function fileNameFor(kind: ts.ScriptKind): string {
  const ext: Partial<Record<ts.ScriptKind, string>> = {
    [ts.ScriptKind.TSX]: "tsx",
    [ts.ScriptKind.JSX]: "jsx",
    [ts.ScriptKind.TS]: "ts",
  };
  return `model.${ext[kind] ?? "js"}`;
}

/** Syntax diagnostics through the public program API; no type check, no lib, no resolution. */
function syntacticDiagnostics(sf: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  const host: ts.CompilerHost = {
    getSourceFile: (name) => (name === sf.fileName ? sf : undefined),
    getDefaultLibFileName: () => "lib.d.ts",
    writeFile: () => undefined,
    getCurrentDirectory: () => "/",
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (name) => name === sf.fileName,
    readFile: () => undefined,
  };
  const options: ts.CompilerOptions = { noLib: true, noResolve: true, allowJs: true };
  const program = ts.createProgram({ rootNames: [sf.fileName], options, host });
  return program.getSyntacticDiagnostics(sf);
}

/** Parses a script; never throws on malformed text, the parser recovers. */
export function parseScript(text: string, languageId: string, uri: string): ParsedScript {
  const kind = scriptKindOf(languageId, uri);
  const sf = ts.createSourceFile(fileNameFor(kind), text, ts.ScriptTarget.Latest, true, kind);
  const syntaxErrors = syntacticDiagnostics(sf)
    .slice(0, 100)
    .map((d) => offsetsToRange(sf, d.start, d.start + d.length));
  return { sf, syntaxErrors };
}

/** The LSP range between two offsets of the file. */
export function offsetsToRange(sf: ts.SourceFile, start: number, end: number): Range {
  const s = sf.getLineAndCharacterOfPosition(start);
  const e = sf.getLineAndCharacterOfPosition(end);
  return {
    start: { line: s.line, character: s.character },
    end: { line: e.line, character: e.character },
  };
}

/** The LSP range of a node, without its leading trivia. */
export function nodeRange(sf: ts.SourceFile, node: ts.Node): Range {
  return offsetsToRange(sf, node.getStart(sf), node.getEnd());
}

/** The range strictly inside a node's delimiters (object literal braces, call parentheses). */
export function innerRange(sf: ts.SourceFile, node: ts.Node): Range {
  return offsetsToRange(sf, node.getStart(sf) + 1, node.getEnd() - 1);
}
