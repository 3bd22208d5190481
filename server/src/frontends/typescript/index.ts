/**
 * The TypeScript/JavaScript front end: one error-tolerant parse with the TypeScript compiler
 * API, TF.js bindings from the file's imports (or the page global `tf`), then the TF.js
 * extractor. A script that uses no TF.js yields an empty description, not noise.
 *
 * Also the entry of dist/ts-frontend.js: everything that needs the TypeScript compiler (this
 * front end, the TS/JS comment scanner, the initlint.json reader) is reached through it, so
 * the server and the CLI load the compiler on first use (lazy.ts), not at start.
 */
import type { FileDescription } from "../../model/types";
import { collectBindings } from "./imports";
import { parseScript } from "./source";
import { extractTfjs } from "./tfjs";

export { readJsonConfig } from "../../config/json-file";
export { scriptComments } from "./comments";

/** Describes a TypeScript or JavaScript file (ts, tsx, js, jsx, mjs, cjs). */
export function describeScript(input: {
  uri: string;
  text: string;
  languageId: string;
}): FileDescription {
  const file: FileDescription = {
    uri: input.uri,
    language: input.languageId,
    frameworks: [],
    models: [],
    initCalls: [],
    gainCalls: [],
    facts: {},
    notes: [],
    syntaxErrors: [],
  };

  try {
    // Inside the guard: the compiler's recursive parser overflows the stack on expressions
    // nested thousands deep, and such a file is then described as empty.
    const { sf, syntaxErrors } = parseScript(input.text, input.languageId, input.uri);
    file.syntaxErrors = syntaxErrors;
    const { bindings, usesGlobal } = collectBindings(sf);
    const found = extractTfjs(sf, bindings);
    // A browser script's global `tf` only counts when something TF.js-shaped was found.
    const isTfjs = !usesGlobal || found.models.length > 0 || found.initCalls.length > 0;
    if (!isTfjs) return file;
    file.frameworks.push("tfjs");
    file.models = found.models;
    file.initCalls = found.initCalls;
    file.notes.push(...found.notes);
    if (found.quirks.length > 0) file.facts.tfjsQuirks = found.quirks;
  } catch (err) {
    // Odd text must never take the server down; the file is then described as empty.
    file.notes.push(`tfjs: extraction failed: ${String(err)}`);
  }
  return file;
}
