/**
 * Reads one project configuration file: the `[tool.initlint]` table of a pyproject.toml
 * (parsed with smol-toml) or an initlint.json (json-file.ts, loaded with the TypeScript
 * compiler on first use). Problems carry the file's 1-based line and the key.
 */
import * as path from "node:path";
import { parse as parseToml, TomlError } from "smol-toml";
import { tsFrontend } from "../frontends/typescript/lazy";
import { validateProjectTable, type ConfigLayer, type ValueProblem } from "./validate";

/** A problem in a configuration file, located for the message the user sees. */
export interface ConfigProblem {
  file: string;
  /** 1-based. */
  line: number;
  key?: string;
  message: string;
}

/** A loaded configuration file: what it sets and what was wrong with it. */
export interface ConfigFile {
  path: string;
  layer: ConfigLayer;
  problems: ConfigProblem[];
}

/** The one-line form of a problem: `path:line: key: message`. */
export function formatProblem(problem: ConfigProblem): string {
  const key = problem.key ? ` ${problem.key}:` : "";
  return `${problem.file}:${problem.line}:${key} ${problem.message}`;
}

/** True when a pyproject.toml text may hold an initlint table (cheap, before parsing). */
export function mentionsInitlint(text: string): boolean {
  return text.includes("initlint");
}

function tableHeader(line: string): string | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith("[")) return null;
  const close = trimmed.indexOf("]");
  if (close < 0) return null;
  return trimmed.slice(1, close).replace(/[\s"']/g, "");
}

/**
 * The 1-based line where a key of `[tool.initlint]` is written, found by walking table
 * headers; it only locates keys in a file the TOML parser has already accepted.
 */
function tomlKeyLine(text: string, key: string): number {
  const [head, sub] = key.split(".");
  const lines = text.split(/\r?\n/);
  let table = "";
  let headerLine = 1;
  let found = 0;
  lines.forEach((line, i) => {
    if (found) return;
    const header = tableHeader(line);
    if (header !== null) {
      table = header;
      if (table === "tool.initlint") headerLine = i + 1;
      return;
    }
    const name = line.split("=")[0]!.trim().replace(/["']/g, "");
    const inMain = table === "tool.initlint" && (name === head || name === `${head}.${sub}`);
    const inSub = sub !== undefined && table === `tool.initlint.${head}` && name === sub;
    if (line.includes("=") && (inMain || inSub)) found = i + 1;
  });
  return found || headerLine;
}

function toProblems(file: string, problems: ValueProblem[], lineOf: (key: string) => number) {
  return problems.map((p) => ({ file, line: lineOf(p.key), key: p.key, message: p.message }));
}

function readToml(file: string, text: string, topLevel: boolean): ConfigFile {
  let document: Record<string, unknown>;
  try {
    document = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    const line = err instanceof TomlError ? err.line : 1;
    const message = err instanceof Error ? err.message.split("\n")[0]! : String(err);
    return {
      path: file,
      layer: {},
      problems: [{ file, line, message: `invalid TOML: ${message}` }],
    };
  }
  const tool = document.tool as Record<string, unknown> | undefined;
  const nested = tool?.initlint !== undefined;
  const table = nested ? tool?.initlint : topLevel ? document : undefined;
  if (table === undefined) return { path: file, layer: {}, problems: [] };
  if (typeof table !== "object" || table === null || Array.isArray(table)) {
    const problem = { file, line: 1, key: "tool.initlint", message: "expected a table" };
    return { path: file, layer: {}, problems: [problem] };
  }
  const { layer, problems } = validateProjectTable(table as Record<string, unknown>);
  const lineOf = (key: string) => (nested ? tomlKeyLine(text, key) : 1);
  return { path: file, layer, problems: toProblems(file, problems, lineOf) };
}

/** Parses and validates a configuration file's text; never throws. */
export function readConfigText(file: string, text: string): ConfigFile {
  const name = path.basename(file);
  if (name.endsWith(".json"))
    return tsFrontend().readJsonConfig(file, text, validateProjectTable);
  return readToml(file, text, name !== "pyproject.toml");
}
