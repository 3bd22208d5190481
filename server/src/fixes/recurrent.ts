/**
 * Edit builders for IL007 on PyTorch recurrent layers: the per-gate orthogonal / forget-bias
 * loop, placed after the last init statement that reaches the layer so that nothing the file
 * does later overwrites it, and the per-gate rewrite of a fused `orthogonal_` call.
 */
import { initPrefix } from "../frontends/python/facts/spelling";
import type { TorchFacts } from "../frontends/python/facts";
import { constructionOf, eventsIn, initEventsOf } from "../rules/fact-index";
import type { Layer, Position, Range } from "../model/types";
import type { Fix } from "../rules/types";
import { lineCount, lineOf } from "../text/lines";

/** Number of gate blocks stacked in a recurrent weight (i, f, g, o for an LSTM). */
export function gateCount(layer: Layer): number {
  return layer.kind === "lstm" ? 4 : layer.kind === "gru" ? 3 : 1;
}

/** True when position `a` comes strictly before `b`. */
export function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Splits `f(a, b=1)` into `f`, its first argument and the rest, at top level. */
function splitCall(call: string): { callee: string; first: string; rest: string } | null {
  const open = call.indexOf("(");
  if (open < 0 || !call.endsWith(")")) return null;
  const inner = call.slice(open + 1, -1);
  let depth = 0;
  let cut = inner.length;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if ("([{".includes(c)) depth++;
    if (")]}".includes(c)) depth--;
    if (c === "," && depth === 0) {
      cut = i;
      break;
    }
  }
  return {
    callee: call.slice(0, open),
    first: inner.slice(0, cut).trim(),
    rest: inner.slice(cut),
  };
}

function sliceRange(text: string, range: Range): string | null {
  if (range.start.line !== range.end.line) return null;
  if (range.start.line >= lineCount(text)) return null;
  return lineOf(text, range.start.line).slice(range.start.character, range.end.character);
}

/** Rewrites a fused `orthogonal_(w)` into one call per gate block, on the same line. */
export function perGateFix(text: string, layer: Layer): Fix[] {
  const init = layer.params.find((p) => p.role === "recurrentWeight")?.init;
  if (!init?.range || init.family !== "orthogonal" || init.framework !== "pytorch") return [];
  const call = sliceRange(text, init.range);
  const parts = call ? splitCall(call) : null;
  if (!parts || parts.first === "") return [];
  const gates = gateCount(layer);
  const newText =
    `for gate in ${parts.first}.data.chunk(${gates}, 0): ` +
    `${parts.callee}(gate${parts.rest})`;
  const title = `Apply orthogonal_ to each of the ${gates} gate blocks`;
  return [{ title, safe: false, preferred: true, edits: [{ range: init.range, newText }] }];
}

/** An init event target that reaches `path`: the path itself, a part of it or a container. */
function reaches(target: string, path: string): boolean {
  return target === path || within(path, target) || within(target, path);
}

/** True when `inner` is `outer` followed by `.` and more (no string built per test). */
function within(inner: string, outer: string): boolean {
  return (
    inner.length > outer.length &&
    inner.charCodeAt(outer.length) === 46 &&
    inner.startsWith(outer)
  );
}

/** Where the loop goes, and whether it starts with a line break (inserted at a line's end). */
interface Insertion {
  position: Position;
  atLineEnd: boolean;
}

/**
 * Where the loop goes: after the layer's assignment, or, when init statements in the same
 * method reach the layer later on, after the last of them (and after the block it ends, so
 * the insertion never splits an `if`/`for` body). Indentation is the layer statement's.
 * The scan stops at the model's last line (`lastLine`): what follows the class is another
 * statement's text, which can change while this finding is reused, so past it the loop goes
 * at the end of that last line instead.
 */
function insertionPoint(
  text: string,
  layer: Layer,
  facts: TorchFacts,
  lastLine: number,
): Insertion | null {
  const at = layer.insertInitAt;
  const path = layer.accessPath;
  if (!at || !path) return null;
  const built = constructionOf(facts, path);
  // Only the constructing method's events can come later in it; without one, any init.
  const candidates = built ? eventsIn(facts, built.scope) : initEventsOf(facts);
  let last: Range | null = null;
  for (const e of candidates) {
    if (e.kind !== "init" || !reaches(e.target, path)) continue;
    if (before(e.range.start, at.position)) continue;
    if (!last || before(last.end, e.range.end)) last = e.range;
  }
  if (!last) return { position: at.position, atLineEnd: false };
  // An init outside the model (a helper function after it) is scanned to the file's end.
  const limit = last.end.line <= lastLine ? lastLine : lineCount(text) - 1;
  let line = last.end.line + 1;
  // Skip the rest of the block the init sits in: deeper-indented and blank lines.
  while (line <= limit) {
    const l = lineOf(text, line);
    const indent = l.length - l.trimStart().length;
    if (l.trim() !== "" && indent <= at.indent.length) break;
    line++;
  }
  if (line > limit) {
    const end = lineOf(text, limit);
    const character = end.endsWith("\r") ? end.length - 1 : end.length;
    return { position: { line: limit, character }, atLineEnd: true };
  }
  // Blank lines just before the next statement stay after the inserted loop.
  while (line > last.end.line + 1 && lineOf(text, line - 1).trim() === "") line--;
  return { position: { line, character: 0 }, atLineEnd: false };
}

/** The per-gate loop for a PyTorch recurrent layer, or the per-gate rewrite of a fused call. */
export function torchRecurrentFix(
  text: string,
  layer: Layer,
  facts: TorchFacts | null,
  lastLine: number,
): Fix[] {
  const fused = layer.params.some(
    (p) => p.role === "recurrentWeight" && p.init.family === "orthogonal",
  );
  if (fused) return perGateFix(text, layer);
  const prefix = facts ? initPrefix(facts.aliases) : null;
  const insertion = facts ? insertionPoint(text, layer, facts, lastLine) : null;
  const at = layer.insertInitAt;
  if (!prefix || !at || !insertion || !layer.accessPath) return [];
  const gates = gateCount(layer);
  const lines = [
    `for name, p in ${layer.accessPath}.named_parameters():`,
    `    if "weight_hh" in name:`,
    `        for gate in p.data.chunk(${gates}, 0):`,
    `            ${prefix}orthogonal_(gate)`,
  ];
  if (layer.kind === "lstm" && layer.hasBias) {
    // Gates are ordered (i, f, g, o) and bias_ih + bias_hh are summed: 1 + 0 gives 1.
    lines.push(
      `    elif "bias_ih" in name:`,
      `        p.data[p.shape[0] // 4 : p.shape[0] // 2].fill_(1.0)`,
      `    elif "bias_hh" in name:`,
      `        p.data[p.shape[0] // 4 : p.shape[0] // 2].fill_(0.0)`,
    );
  }
  const title =
    layer.kind === "lstm"
      ? "Orthogonal weight_hh per gate; forget bias 1 (bias_ih[H:2H] = 1, bias_hh[H:2H] = 0)"
      : "Orthogonal weight_hh per gate";
  const indented = lines.map((l) => `${at.indent}${l}`);
  const newText = insertion.atLineEnd
    ? indented.map((l) => `\n${l}`).join("")
    : indented.map((l) => `${l}\n`).join("");
  const { position } = insertion;
  const edit = { range: { start: position, end: position }, newText };
  return [{ title, safe: false, preferred: true, edits: [edit] }];
}
