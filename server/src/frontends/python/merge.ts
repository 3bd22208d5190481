/**
 * Merges the descriptions of a file's components into the file's description. Every
 * component was described with the shared lines (imports, constants) in place, so what those
 * lines yield is kept from the base component only; lists of positioned things come back in
 * source order, name lists as sets, and a lone range (the first `__main__` guard) is the
 * earliest one found.
 */
import type { FileDescription, Range } from "../../model/types";

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isRange(v: unknown): v is Range {
  if (!isPlain(v)) return false;
  const start = v["start"];
  return isPlain(start) && typeof start["line"] === "number" && isPlain(v["end"]);
}

function startOf(v: unknown): Range["start"] | null {
  if (isRange(v)) return v.start;
  if (isPlain(v) && isRange(v["range"])) return v["range"].start;
  return null;
}

function compareStarts(a: Range["start"], b: Range["start"]): number {
  return a.line - b.line || a.character - b.character;
}

/** A filter that keeps what the shared lines yield only once, from the base component. */
export type Keep = (item: unknown, index: number) => boolean;

function mergeArrays(lists: unknown[][], keep: Keep): unknown[] {
  const out: unknown[] = [];
  lists.forEach((list, index) => {
    for (const item of list) if (keep(item, index)) out.push(item);
  });
  if (out.length === 0) return out;
  if (out.every((x) => typeof x === "string" || typeof x === "number"))
    return [...new Set(out)];
  // Each item's start is read once: the sort compares them many times.
  const starts: Range["start"][] = [];
  let sorted = true;
  for (const item of out) {
    const start = startOf(item);
    if (start === null) return out;
    const last = starts[starts.length - 1];
    if (last && compareStarts(last, start) > 0) sorted = false;
    starts.push(start);
  }
  // Already in order: the stable sort below would give the same list.
  if (sorted) return out;
  // A stable sort: items of one line keep the order their component gave them.
  return out
    .map((_, i) => i)
    .sort((a, b) => compareStarts(starts[a]!, starts[b]!) || a - b)
    .map((i) => out[i]);
}

/** Merges one value across components (index 0 is the base component). */
export function mergeValues(values: unknown[], keep: Keep): unknown {
  const present = values.filter((v) => v !== undefined && v !== null);
  if (present.length === 0) return values.find((v) => v !== undefined);
  if (present.every(Array.isArray)) {
    const lists = values.map((v) => (Array.isArray(v) ? v : []));
    return mergeArrays(lists, keep);
  }
  if (present.every(isRange)) {
    return (present as Range[]).reduce((a, b) => (compareStarts(b.start, a.start) < 0 ? b : a));
  }
  if (present.every(isPlain)) {
    const keys = new Set(present.flatMap((v) => Object.keys(v as Plain)));
    const out: Plain = {};
    for (const key of keys) {
      out[key] = mergeValues(
        values.map((v) => (isPlain(v) ? v[key] : undefined)),
        keep,
      );
    }
    return out;
  }
  return present[0];
}

/**
 * The file's description from its components' (base first), whose lines in `sharedRows`
 * are the shared ones. `syntaxErrors` come from the whole file's tree.
 */
export function mergeDescriptions(
  parts: FileDescription[],
  sharedRows: Set<number>,
  base: Pick<FileDescription, "uri" | "language" | "syntaxErrors">,
): FileDescription {
  const keep: Keep = (item, index) => {
    if (index === 0) return true;
    const start = startOf(item);
    return start === null || !sharedRows.has(start.line);
  };
  const lists = <K extends "models" | "initCalls" | "gainCalls">(key: K): FileDescription[K] =>
    mergeArrays(
      parts.map((p) => p[key]),
      keep,
    ) as FileDescription[K];
  const frameworks = [...new Set(parts.flatMap((p) => p.frameworks))];
  return {
    uri: base.uri,
    language: base.language,
    frameworks,
    models: lists("models"),
    initCalls: lists("initCalls"),
    gainCalls: lists("gainCalls"),
    facts: mergeValues(
      parts.map((p) => p.facts),
      keep,
    ) as FileDescription["facts"],
    notes: [...new Set(parts.flatMap((p) => p.notes))],
    syntaxErrors: base.syntaxErrors,
  };
}
