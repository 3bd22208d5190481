/**
 * Tokenises files with vscode-textmate and vscode-oniguruma, the engine VS Code itself uses,
 * and prints a readable baseline: each source line, then a caret line under every token
 * that carries an initlint scope, with those scopes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as oniguruma from "vscode-oniguruma";
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from "vscode-textmate";

const root = path.resolve(__dirname, "../..");

/** Grammar files by scope name: the shipped ones and the test's small host grammars. */
const grammarFiles: Record<string, string> = {
  "comment.directive.initlint.injection": "syntaxes/initlint-directives.tmLanguage.json",
  "text.initlint-report": "syntaxes/initlint-report.tmLanguage.json",
  "source.python": "test/grammar/hosts/python.tmLanguage.json",
  "source.ts": "test/grammar/hosts/typescript.tmLanguage.json",
  "source.js": "test/grammar/hosts/javascript.tmLanguage.json",
};

let registry: Registry | undefined;

async function createRegistry(): Promise<Registry> {
  const wasm = fs.readFileSync(
    path.join(root, "node_modules/vscode-oniguruma/release/onig.wasm"),
  );
  await oniguruma.loadWASM(
    wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength),
  );
  return new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      const file = grammarFiles[scopeName];
      if (!file) return null;
      const full = path.join(root, file);
      return parseRawGrammar(fs.readFileSync(full, "utf8"), full);
    },
    // The injection applies to every host language, as package.json's injectTo says.
    getInjections: (scopeName) =>
      scopeName.startsWith("source.") ? ["comment.directive.initlint.injection"] : undefined,
  });
}

/** Loads the grammar for a top-level scope, with the injection grammar wired in. */
export async function loadGrammar(scopeName: string): Promise<IGrammar> {
  registry ??= await createRegistry();
  const grammar = await registry.loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar for ${scopeName}`);
  return grammar;
}

/** The baseline text for `text` tokenised with `grammar`. */
export function baseline(grammar: IGrammar, text: string): string {
  const out: string[] = [];
  let state = INITIAL;
  for (const line of text.split("\n")) {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    out.push(`> ${line}`);
    for (const token of result.tokens) {
      const scopes = token.scopes.filter(
        (s) => s.endsWith(".initlint") || s.endsWith(".initlint-report"),
      );
      const innermost = scopes.at(-1);
      if (!innermost || innermost.startsWith("meta.")) continue;
      const end = Math.min(token.endIndex, line.length);
      const carets =
        " ".repeat(token.startIndex) + "^".repeat(Math.max(1, end - token.startIndex));
      out.push(`  ${carets} ${innermost}`);
    }
  }
  return `${out.join("\n")}\n`;
}
