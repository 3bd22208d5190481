/**
 * Reads an initlint.json with the TypeScript JSON parser, which keeps the position of every
 * key, so each problem names its line. Part of the lazily loaded TypeScript bundle, which is
 * why the validator is passed in: the bundle stays free of the rule registry it reads.
 */
import ts from "typescript";
import type { ConfigFile } from "./config-file";
import type { validateProjectTable } from "./validate";

function jsonKeyLines(source: ts.JsonSourceFile): Map<string, number> {
  const lines = new Map<string, number>();
  const visit = (node: ts.Node, prefix: string) => {
    if (ts.isPropertyAssignment(node) && node.name && ts.isStringLiteral(node.name)) {
      const key = prefix ? `${prefix}.${node.name.text}` : node.name.text;
      const at = source.getLineAndCharacterOfPosition(node.name.getStart(source));
      lines.set(key, at.line + 1);
      if (!prefix) ts.forEachChild(node.initializer, (child) => visit(child, key));
      return;
    }
    ts.forEachChild(node, (child) => visit(child, prefix));
  };
  ts.forEachChild(source, (child) => visit(child, ""));
  return lines;
}

/** Parses an initlint.json text and validates it with `validate`; never throws. */
export function readJsonConfig(
  file: string,
  text: string,
  validate: typeof validateProjectTable,
): ConfigFile {
  const source = ts.parseJsonText(file, text);
  const errors: ts.Diagnostic[] = [];
  const value: unknown = ts.convertToObject(source, errors);
  const parsing = (source as unknown as { parseDiagnostics?: ts.Diagnostic[] })
    .parseDiagnostics;
  const first = [...(parsing ?? []), ...errors].sort(
    (a, b) => (a.start ?? 0) - (b.start ?? 0),
  )[0];
  if (first) {
    const line = source.getLineAndCharacterOfPosition(first.start ?? 0).line + 1;
    const message = ts.flattenDiagnosticMessageText(first.messageText, " ");
    return {
      path: file,
      layer: {},
      problems: [{ file, line, message: `invalid JSON: ${message}` }],
    };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const problem = { file, line: 1, message: "expected a JSON object of initlint settings" };
    return { path: file, layer: {}, problems: [problem] };
  }
  // A `$schema` key is for editors that validate the file, not a setting.
  const { $schema: _schema, ...table } = value as Record<string, unknown>;
  const { layer, problems } = validate(table);
  const lines = jsonKeyLines(source);
  const placed = problems.map((p) => ({ file, line: lines.get(p.key) ?? 1, ...p }));
  return { path: file, layer, problems: placed };
}
