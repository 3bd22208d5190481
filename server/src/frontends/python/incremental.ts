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
import { describePython, syntaxErrors } from "./index";
import { mergeDescriptions } from "./merge";
import { lineStarts } from "../../documents/positions";
import { parsePython } from "./parser";
import { mirrorStatements, mirrorTree, type SyntaxTree } from "./syntax-node";
import { blockLineMap, inPlace, placed, type Placement } from "../../model/shift";
import { componentRanges, groupUnits, splitUnits, type Unit, type UnitInfo } from "./units";

/** Roots that make a file worth splitting; any other file describes as empty at once. */
const frameworkRoots = ["torch", "keras", "tensorflow", "tf_keras", "flax"];

/** What one document keeps between analyses. Create one per open document. */
export class PythonDescribeCache {
  /** Unit text to its grouping facts. */
  units: ReadonlyMap<string, UnitInfo> = new Map();
  /** The import table and the key of the units it was read from. */
  imports: { key: string; table: ImportTable } | null = null;
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
}

/** The key of a list of units by their texts alone, wherever they now stand. */
function textKey(units: Unit[]): string {
  return units.map((u) => u.id).join(",");
}

/** The file's import table, read again only when a unit holding an import changed. */
function importsOf(tree: Tree, units: Unit[], cache: PythonDescribeCache): ImportTable {
  // By text, not line: the table holds names only.
  const key = textKey(units.filter((u) => u.imports));
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
 * Describes one component: its statements copied out of the file's tree when that parsed
 * cleanly (a statement parses the same alone as among the others), else its lines parsed on
 * their own, so an error elsewhere cannot change how tree-sitter recovers inside it.
 */
function describeComponent(
  input: { uri: string; text: string; language?: string },
  tree: Tree,
  starts: readonly number[],
  units: Unit[],
  imports: ImportTable,
): FileDescription {
  const describeFrom = (syntax: SyntaxTree) =>
    describePython({
      uri: input.uri,
      text: input.text,
      tree: syntax,
      language: input.language,
      imports,
    });
  if (!tree.rootNode.hasError) {
    const ordered = [...units].sort((a, b) => a.startRow - b.startRow);
    return describeFrom(
      mirrorStatements(
        ordered.flatMap((u) => u.nodes),
        input.text,
        starts,
      ),
    );
  }
  const ranges = componentRanges(input.text.split("\n"), starts, units);
  // No ranges means nothing to read, not the whole text.
  const sub = ranges.length > 0 ? parsePython(input.text, null, ranges) : parsePython("");
  try {
    // The describers ask many questions per node: answered from a copy, not wasm.
    return describeFrom(mirrorTree(sub, input.text, starts));
  } finally {
    sub.delete();
  }
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
    const { shared, components } = groupUnits(units);
    // Lines are not part of the key: a component whose units only moved is reused, its
    // positions moved with them. Equal texts twice in a file are told apart by occurrence.
    const prefix = `${input.uri}\u0003${input.language ?? ""}\u0003${JSON.stringify([...imports])}\u0003${textKey(shared)}\u0004`;
    const next = new Map<string, CachedComponent>();
    const places: Placement[] = [];
    cache.lastRun = { described: 0, reused: 0, moved: 0 };
    // The base component holds the shared lines alone, so a file of imports still has facts.
    const parts = [[], ...components.map((c) => c.units)].map((own) => {
      const base = prefix + textKey(own);
      let key = base;
      for (let n = 1; next.has(key); n++) key = `${base}#${n}`;
      const units = [...shared, ...own];
      const rows = units.map((u) => u.startRow);
      let held = cache.components.get(key);
      // Units that changed order may mean something else: described again.
      if (held && !blockLineMap(held.rows, rows)) held = undefined;
      if (held) {
        const place = { at: held.rows, now: rows };
        if (inPlace(place)) cache.lastRun.reused++;
        else cache.lastRun.moved++;
        places.push(place);
      } else {
        cache.lastRun.described++;
        held = { part: describeComponent(input, tree, starts, units, imports), rows };
        places.push({ at: rows, now: rows });
      }
      next.set(key, held);
      return held.part;
    });
    cache.components = next;
    const errors = syntaxErrors(tree);
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
