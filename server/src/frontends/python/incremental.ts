/**
 * Describes a Python file component by component, reusing the description of every component
 * whose text (with the shared imports and constants) is unchanged since the last call with the
 * same cache. An edit inside one class re-describes that class and whatever refers to it; the
 * rest of the file costs a lookup, or a copy with moved positions where lines were added or
 * removed above it.
 */
import type { Tree } from "web-tree-sitter";
import type { FileDescription } from "../../model/types";
import { collectImports, importedRoots, type ImportTable } from "./imports";
import { describePython, syntaxErrorsUnder } from "./index";
import type { Range } from "../../model/types";
import { mergeDescriptions } from "./merge";
import { lineStarts } from "../../documents/positions";
import { parsePython } from "./parser";
import { mirrorStatements, mirrorTree, type SyntaxTree } from "./syntax-node";
import { inPlace, placed, placementMap, type Placement } from "../../model/shift";
import {
  componentText,
  emptyUnitMemory,
  groupUnits,
  splitUnits,
  type Grouping,
  type Unit,
  type UnitMemory,
} from "./units";

/** Roots that make a file worth splitting; any other file describes as empty at once. */
const frameworkRoots = ["torch", "keras", "tensorflow", "tf_keras", "flax"];

/** What one document keeps between analyses. Create one per open document. */
export class PythonDescribeCache {
  /** What the last split learnt of the units, by text and by where they stood. */
  units: UnitMemory = emptyUnitMemory();
  /** How the last split's units were grouped, reused while what grouping reads is unchanged. */
  grouping: Grouping | null = null;
  /** The import table and the key of the units it was read from. */
  imports: { key: string; table: ImportTable } | null = null;
  /** What every description in `components` was described with besides its own units. */
  prefix = "";
  /** Component key (its units' texts, not their lines) to its description. */
  components = new Map<string, CachedComponent>();
  /**
   * The last merge: its key, the component descriptions it merged and the result. When
   * every component is reused the merge is too; callers get a copy (see `handOut`).
   */
  merged: { prefix: string; parts: FileDescription[]; file: FileDescription } | null = null;
  /** How many components the last call described afresh, reused, and reused moved. */
  lastRun = { described: 0, reused: 0, moved: 0 };
}

/** A component's description and the first line of each of its units, shared ones first. */
interface CachedComponent {
  part: FileDescription;
  rows: number[];
  /** The line counts of the units, shared ones first. */
  sizes: number[];
  /** The placement of the part where it was described, made once: most keystrokes use it. */
  still?: Placement;
}

/** True when the units (shared ones first) start on `rows`, without making the list. */
function startsOn(rows: readonly number[], shared: readonly number[], own: readonly Unit[]) {
  if (rows.length !== shared.length + own.length) return false;
  for (let i = 0; i < shared.length; i++) if (rows[i] !== shared[i]) return false;
  for (let i = 0; i < own.length; i++)
    if (rows[shared.length + i] !== own[i]!.startRow) return false;
  return true;
}

function lineCount(unit: Unit): number {
  return unit.endRow - unit.startRow + 1;
}

/** The key of a list of units by their texts alone, wherever they now stand. */
function textKey(units: Unit[]): string {
  return units.map((u) => u.id).join(",");
}

/** The file's import table, read again only when a unit holding an import changed. */
function importsOf(tree: Tree, units: Unit[], cache: PythonDescribeCache): ImportTable {
  const holding = units.filter((u) => u.imports || u.recovered);
  // A broken unit may read as an import in one tree and not in the next: read every time.
  if (holding.some((u) => u.recovered)) {
    cache.imports = null;
    return collectImports(tree);
  }
  // By text, not line: the table holds names only.
  const key = textKey(holding);
  if (cache.imports?.key !== key) cache.imports = { key, table: collectImports(tree) };
  return cache.imports.table;
}

/**
 * A caller's copy of a cached merge: fresh lists, which the pipeline appends to (rule
 * failures go into `notes`), over the same items, and the syntax errors of this text. The
 * facts are shared: nothing past the front end writes into them.
 */
function handOut(merged: FileDescription, errors: FileDescription["syntaxErrors"]) {
  return {
    ...merged,
    frameworks: [...merged.frameworks],
    models: [...merged.models],
    initCalls: [...merged.initCalls],
    gainCalls: [...merged.gainCalls],
    notes: [...merged.notes],
    syntaxErrors: errors,
  };
}

/**
 * A Python file described component by component. `parts` (the base component first) are
 * what rules can run on one by one; `file()` merges them into the file's description on
 * first call, so a caller that needs only findings never pays for the merge.
 *
 * A part reused from an earlier call is the very object described then, its positions at
 * the lines its units stood on then: `places[i]` says where those were and where they are
 * now (`model/shift.ts` moves data from one to the other). Moving only what is read keeps an
 * added line above a long file's classes from copying every description after it.
 */
export interface DescribedPython {
  /** The component descriptions, base first; null when the file was described whole. */
  parts: FileDescription[] | null;
  /** Where each part's units stood when it was described, and stand now. */
  places: Placement[];
  /** The file's description: the same result as describing it afresh. */
  file(): FileDescription;
}

/**
 * Describes one component: its statements copied out of the file's tree when none holds a
 * syntax error (a statement without one parses the same alone as among the others, whatever
 * is broken elsewhere), else its own text parsed on its own (`componentText`), so how
 * tree-sitter recovers inside it does not depend on the rest of the file.
 */
function describeComponent(
  input: { uri: string; text: string; language?: string },
  starts: readonly number[],
  units: Unit[],
  imports: ImportTable,
): FileDescription {
  const describeFrom = (syntax: SyntaxTree, text: string) =>
    describePython({ uri: input.uri, text, tree: syntax, language: input.language, imports });
  if (!units.some((u) => u.recovered)) {
    const ordered = [...units].sort((a, b) => a.startRow - b.startRow);
    const statements = ordered.flatMap((u) => u.nodes);
    return describeFrom(mirrorStatements(statements, input.text, starts), input.text);
  }
  const text = componentText(input.text, units);
  const sub = parsePython(text);
  try {
    // The describers ask many questions per node: answered from a copy, not wasm.
    return describeFrom(mirrorTree(sub, text, lineStarts(text)), text);
  } finally {
    sub.delete();
  }
}

/**
 * The file's syntax errors as `syntaxErrors` reads them from the whole tree (the ERROR nodes,
 * in document order, at most 100), from its recovered units, the only ones holding any: a
 * keystroke in a file with one broken line does not walk the whole tree. (They are read from
 * this tree every time: the same text can hold other ERROR nodes in another.)
 */
function unitErrors(units: readonly Unit[]): Range[] {
  const out: Range[] = [];
  for (const unit of units) {
    if (out.length >= 100) break;
    if (unit.recovered) for (const node of unit.nodes) out.push(...syntaxErrorsUnder(node, 0));
  }
  return out.slice(0, 100);
}

/** Describes a Python file through `cache`, leaving the merge until it is asked for. */
export function describePythonParts(
  input: {
    uri: string;
    text: string;
    tree?: Tree;
    language?: string;
    /** The text's line offsets, when the caller keeps them (the document store does). */
    lineStarts?: readonly number[];
  },
  cache: PythonDescribeCache = new PythonDescribeCache(),
): DescribedPython {
  const tree = input.tree ?? parsePython(input.text);
  try {
    const starts = input.lineStarts ?? lineStarts(input.text);
    const split = splitUnits(tree, input.text, starts, cache.units);
    cache.units = split.learnt;
    const units = split.units;
    const imports = importsOf(tree, units, cache);
    const roots = importedRoots(imports);
    if (!frameworkRoots.some((r) => roots.has(r))) {
      const whole = describePython({ ...input, tree, imports });
      return { parts: null, places: [], file: () => whole };
    }
    const grouped = groupUnits(units, cache.grouping);
    cache.grouping = grouped.grouping;
    const { shared, components } = grouped;
    // Everything a component is described with besides its own units: when it changes, no
    // description is reused.
    const prefix = `${input.uri}\u0003${input.language ?? ""}\u0003${JSON.stringify([...imports])}\u0003${textKey(shared)}`;
    if (cache.prefix !== prefix) cache.components = new Map();
    cache.prefix = prefix;
    const next = new Map<string, CachedComponent>();
    const places: Placement[] = [];
    cache.lastRun = { described: 0, reused: 0, moved: 0 };
    const sharedRows = shared.map((u) => u.startRow);
    const sharedSizes = shared.map(lineCount);
    // A component holding a syntax error is parsed from its own lines, and recovery there
    // may depend on how far apart they are: it is reused only in place, and apart from the
    // description of the same texts without an error.
    const sharedRecovered = shared.some((u) => u.recovered);
    // The base component holds the shared lines alone, so a file of imports still has facts.
    const parts = [[], ...components.map((c) => c.units)].map((own) => {
      // Lines are not part of the key: a component whose units only moved is reused, its
      // positions moved with them. Equal texts twice in a file are told apart by occurrence.
      const recovered = sharedRecovered || own.some((u) => u.recovered);
      const base = `${textKey(own)}${recovered ? "\u0005recovered" : ""}`;
      let key = base;
      for (let n = 1; next.has(key); n++) key = `${base}#${n}`;
      let held = cache.components.get(key);
      if (held && startsOn(held.rows, sharedRows, own)) {
        // The same texts on the same lines: the common case, reused without new lists.
        cache.lastRun.reused++;
        places.push((held.still ??= { at: held.rows, now: held.rows, sizes: held.sizes }));
        next.set(key, held);
        return held.part;
      }
      const rows =
        own.length === 0 ? sharedRows : sharedRows.concat(own.map((u) => u.startRow));
      const sizes = own.length === 0 ? sharedSizes : sharedSizes.concat(own.map(lineCount));
      const place = held && { at: held.rows, now: rows, sizes };
      if (held && place && inPlace(place)) {
        cache.lastRun.reused++;
      } else if (held && place && !recovered && placementMap(place)) {
        cache.lastRun.moved++;
      } else {
        // New, moved in a way no line map can follow, or broken and moved.
        cache.lastRun.described++;
        const units = [...shared, ...own];
        held = { part: describeComponent(input, starts, units, imports), rows, sizes };
      }
      places.push({ at: held.rows, now: rows, sizes });
      next.set(key, held);
      return held.part;
    });
    cache.components = next;
    const errors = unitErrors(units);
    let handed: FileDescription | undefined;
    const file = (): FileDescription => {
      // Order was checked above, so every part can be placed.
      handed ??= handOut(
        mergedFile(
          cache,
          prefix,
          parts.map((p, i) => placed(p, places[i]!)!),
          shared,
          input,
        ),
        errors,
      );
      return handed;
    };
    return { parts, places, file };
  } finally {
    if (!input.tree) tree.delete();
  }
}

/** The merge of `parts`, reused when the last merge had the same parts and prefix. */
function mergedFile(
  cache: PythonDescribeCache,
  prefix: string,
  parts: FileDescription[],
  shared: Unit[],
  input: { uri: string; language?: string },
): FileDescription {
  const last = cache.merged;
  const reused =
    last !== null &&
    last.prefix === prefix &&
    last.parts.length === parts.length &&
    last.parts.every((p, i) => p === parts[i]);
  if (reused) return last.file;
  // Every part's lines include the shared units': when those moved, every part placed is a
  // new (moved) copy, so the same parts mean the same shared rows.
  const sharedRows = new Set<number>();
  for (const u of shared) for (let r = u.startRow; r <= u.endRow; r++) sharedRows.add(r);
  const file = mergeDescriptions(parts, sharedRows, {
    uri: input.uri,
    language: input.language ?? "python",
    syntaxErrors: [],
  });
  cache.merged = { prefix, parts, file };
  return file;
}

/** Describes a Python file through `cache`; the same result as describing it afresh. */
export function describePythonCached(
  input: { uri: string; text: string; tree?: Tree; language?: string },
  cache: PythonDescribeCache = new PythonDescribeCache(),
): FileDescription {
  return describePythonParts(input, cache).file();
}
