/**
 * Input shapes written by the user: the `# initlint: input-shape=(3, 224, 224)` directive
 * comment (`//` in TypeScript) and the same notation in settings and CLI flags.
 */
import type { Model } from "../model/types";

const directivePattern = /^\s*(?:#|\/\/)\s*initlint:\s*input-shape\s*=\s*(.+?)\s*$/;

/** Parses "(3, 224, 224)", "[3,224,224]", "3x224x224" or "3 224 224"; null when invalid. */
export function parseShape(text: string): number[] | null {
  const inner = text
    .trim()
    .replace(/^[([]\s*/, "")
    .replace(/\s*[)\]]$/, "");
  if (!inner) return null;
  const parts = inner.split(/\s*[,x×]\s*|\s+/).filter((p) => p !== "");
  const dims = parts.map((p) => Number(p));
  if (dims.length === 0 || dims.some((d) => !Number.isInteger(d) || d <= 0)) return null;
  return dims;
}

/** Every input-shape directive in the text, with its 0-based line. */
export function findDirectives(text: string): { line: number; shape: number[] }[] {
  const found: { line: number; shape: number[] }[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = directivePattern.exec(line);
    const shape = match ? parseShape(match[1]!) : null;
    if (shape) found.push({ line: index, shape });
  });
  return found;
}

/**
 * The directive that applies to a model: one inside its range, else the nearest one above
 * its start that no other model stands between.
 */
export function directiveFor(
  model: Model,
  models: Model[],
  directives: { line: number; shape: number[] }[],
): number[] | undefined {
  const start = model.range.start.line;
  const inside = directives.find((d) => d.line >= start && d.line <= model.range.end.line);
  if (inside) return inside.shape;
  const above = directives.filter((d) => d.line < start).at(-1);
  if (!above) return undefined;
  const between = models.some(
    (m) => m !== model && m.range.start.line > above.line && m.range.end.line < start,
  );
  return between ? undefined : above.shape;
}
