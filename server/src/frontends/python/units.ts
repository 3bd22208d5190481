/**
 * Splits a parsed Python file into top-level units (statements that share no line) and
 * groups them into components: units joined when one names what another defines at module
 * level. A component can be described on its own, with the file's imports and plain
 * constants, and gives the same answer as in the whole file; that is what makes an edit
 * re-describe only the component it touches.
 */
import type { Node, Tree } from "web-tree-sitter";
import { lineCount, lineOf } from "../../text/lines";

/** What a unit is for grouping: dropped (comments), shared with every component, or code. */
export type UnitKind = "comment" | "shared" | "code";

/** One top-level unit: whole lines of the file. */
export interface Unit {
  startRow: number;
  endRow: number;
  /** The unit's lines, joined: the cache key of everything derived from it. */
  text: string;
  kind: UnitKind;
  /** Names the unit binds at module level. */
  defines: string[];
  /** Every identifier (and identifier-like string) the unit mentions. */
  refs: string[];
  /** True when an import statement sits anywhere in the unit. */
  imports: boolean;
  /** Stands for `text` in cache keys; see `UnitInfo`. */
  id: number;
  /**
   * A syntax error sits inside the unit: what it means was recovered from this tree, and
   * the same text may read differently in another (never reused from one split to the next).
   */
  recovered: boolean;
  /** The unit's top-level statements in the tree it was split from (that tree's lifetime). */
  nodes: Node[];
}

/** A group of code units described together, in source order. */
export interface Component {
  units: Unit[];
}

/**
 * What a unit's text alone decides, cached by that text, and a number standing for the text
 * in cache keys (never given to another text, so equal numbers mean equal texts).
 */
export type UnitInfo = Pick<Unit, "kind" | "defines" | "refs" | "imports" | "id" | "recovered">;

let nextUnitId = 0;

const importTypes = new Set([
  "import_statement",
  "import_from_statement",
  "future_import_statement",
]);
const nestable = new Set([
  "block",
  "if_statement",
  "elif_clause",
  "else_clause",
  "try_statement",
  "except_clause",
  "finally_clause",
  "with_statement",
  "while_statement",
  "for_statement",
  "expression_statement",
  "decorated_definition",
]);
const computing = ["call", "lambda", "await", "list_comprehension", "generator_expression"];
const identifierLike = /^[A-Za-z_]\w*$/;
const namesAndImports = ["identifier", "string_content", ...importTypes];
/** How an import statement's text starts; any other node's type is not asked for it. */
const mayImport = /^(import|from)\b/;

function targets(node: Node | null, out: Set<string>): void {
  if (!node) return;
  if (node.type === "identifier") out.add(node.text);
  else if (/pattern|tuple|list/.test(node.type))
    for (const c of node.namedChildren) targets(c, out);
}

/** Names bound at module level: definitions and assignment targets, not function locals. */
function moduleDefines(node: Node, out: Set<string>): void {
  if (node.type === "class_definition" || node.type === "function_definition") {
    const name = node.childForFieldName("name");
    if (name) out.add(name.text);
    return;
  }
  if (node.type === "assignment" || node.type === "augmented_assignment") {
    targets(node.childForFieldName("left"), out);
    return;
  }
  if (node.type === "for_statement") targets(node.childForFieldName("left"), out);
  if (!nestable.has(node.type)) return;
  for (const child of node.namedChildren) if (child) moduleDefines(child, out);
}

/** A plain constant: `NAME = value` computing nothing, so every component may read it. */
function isConstant(node: Node): boolean {
  if (node.type !== "expression_statement" || node.namedChildCount !== 1) return false;
  const assignment = node.namedChild(0);
  if (assignment?.type !== "assignment") return false;
  const left = assignment.childForFieldName("left");
  const right = assignment.childForFieldName("right");
  if (!left || !right || !/^(identifier|pattern_list)$/.test(left.type)) return false;
  return right.descendantsOfType(computing).length === 0;
}

/**
 * A whole statement (or a comment), as a module's children are when the file parses. Around
 * a syntax error tree-sitter may leave bare tokens (identifiers, calls, strings) at module
 * level instead, which the same text elsewhere would not be.
 */
function isStatement(node: Node): boolean {
  const type = node.type;
  return type.endsWith("_statement") || type.endsWith("_definition") || type === "comment";
}

/**
 * What a unit's statements decide. Names are read from `text` at the nodes' offsets, and a
 * node's type is asked only when its text does not settle it: each question crosses into
 * WebAssembly, and a node's own text slices the document twice.
 */
function unitInfo(text: string, nodes: Node[], id: number, recovered: boolean): UnitInfo {
  if (nodes.every((n) => n.type === "comment")) {
    return { kind: "comment", defines: [], refs: [], imports: false, id, recovered };
  }
  const shared = nodes.every(
    (n) => n.type === "comment" || importTypes.has(n.type) || isConstant(n),
  );
  const defines = new Set<string>();
  const refs = new Set<string>();
  let imports = false;
  for (const node of nodes) {
    if (importTypes.has(node.type)) {
      imports = true;
      continue;
    }
    moduleDefines(node, defines);
    // One walk for the names and the nested imports.
    for (const n of node.descendantsOfType(namesAndImports)) {
      if (!n) continue;
      const name = text.slice(n.startIndex, n.endIndex);
      const type = mayImport.test(name) ? n.type : null;
      if (type !== null && importTypes.has(type)) imports = true;
      // Only a name that does not look like one needs its node's type (a non-ASCII one).
      else if (identifierLike.test(name) || (type ?? n.type) === "identifier") refs.add(name);
    }
  }
  const kind = shared ? "shared" : "code";
  return { kind, defines: [...defines], refs: [...refs], imports, id, recovered };
}

/**
 * What one split leaves for the next: what each unit text decides, and where the texts stood.
 * A new memory each time, never one cleared and refilled: a cleared map's old table stays
 * linked to its new one, and kept every edit's unit texts alive until the next full
 * collection.
 */
export interface UnitMemory {
  /** Unit text to what an earlier split learnt of it. */
  readonly byText: ReadonlyMap<string, UnitInfo>;
  /** The last split's unit texts by the offset of their first character. */
  readonly byStart: ReadonlyMap<number, string>;
  /** The same texts by how far their end stood from the end of the text. */
  readonly byTail: ReadonlyMap<number, string>;
}

/** The memory of no split at all. */
export function emptyUnitMemory(): UnitMemory {
  return { byText: new Map(), byStart: new Map(), byTail: new Map() };
}

/**
 * A copy of `slice` that holds no reference to the text it was cut from. V8 represents a
 * long slice as a view into the whole string; a unit text kept from one edit to the next
 * would keep that edit's whole document alive, one copy per edit a unit was last changed
 * in. Slicing a concatenation copies its characters into a string of its own first.
 */
function detached(slice: string): string {
  return (slice + "\n").slice(0, -1);
}

/**
 * The file's units. `known` is what the last split learnt: an unchanged unit costs no tree
 * walk, and one found where a unit of the same text stood (at the same offset, or as far
 * from the end, which is where an edit above or below leaves it) is checked by comparing
 * the two texts, not by hashing its text again; on a 2,000-line file the hashing of every
 * unit was most of a split. `learnt` is the memory to pass as `known` next time.
 * `starts` are the offsets of the text's lines (`documents/positions.ts` `lineStarts`).
 */
export function splitUnits(
  tree: Tree,
  text: string,
  starts: readonly number[],
  known: UnitMemory,
): { units: Unit[]; learnt: UnitMemory } {
  const groups: { nodes: Node[]; startRow: number; endRow: number }[] = [];
  for (const node of tree.rootNode.namedChildren) {
    if (!node) continue;
    const startRow = node.startPosition.row;
    const endRow = Math.max(startRow, node.endPosition.row);
    const last = groups[groups.length - 1];
    // Statements sharing a line (`a = 1; b = f()`, a trailing comment) form one unit.
    if (last && startRow <= last.endRow) {
      last.nodes.push(node);
      last.endRow = Math.max(last.endRow, endRow);
    } else {
      groups.push({ nodes: [node], startRow, endRow });
    }
  }
  const seen = new Map<string, UnitInfo>();
  const byStart = new Map<number, string>();
  const byTail = new Map<number, string>();
  const broken = tree.rootNode.hasError;
  const units = groups.map((g) => {
    const from = starts[g.startRow] ?? text.length;
    const end = g.endRow + 1 < starts.length ? starts[g.endRow + 1]! - 1 : text.length;
    const slice = text.slice(from, end);
    // The same text where it stood last time: equal texts compare faster than one hashes.
    const there = known.byStart.get(from) ?? known.byTail.get(text.length - end);
    const own = there !== undefined && there === slice ? there : detached(slice);
    byStart.set(from, own);
    byTail.set(text.length - end, own);
    const prior = known.byText.get(own) ?? seen.get(own);
    // Text with a syntax error in it may be recovered differently in another file around it
    // (an ERROR here, a class there): what it defines and names is read from this tree each
    // time. Its number stays the text's, since its description depends on the text alone.
    const recovered = broken && g.nodes.some((n) => n.hasError || !isStatement(n));
    const info =
      prior && !prior.recovered && !recovered
        ? prior
        : unitInfo(text, g.nodes, prior?.id ?? nextUnitId++, recovered);
    seen.set(own, info);
    return { startRow: g.startRow, endRow: g.endRow, text: own, nodes: g.nodes, ...info };
  });
  return { units, learnt: { byText: seen, byStart, byTail } };
}

/** What grouping reads of a unit. */
type GroupFacts = Pick<Unit, "kind" | "defines" | "refs">;

/** A grouping of units by their indices, with the facts it was worked out from. */
export interface Grouping {
  readonly facts: readonly GroupFacts[];
  readonly shared: readonly number[];
  readonly components: readonly (readonly number[])[];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameFacts(a: GroupFacts, b: GroupFacts): boolean {
  return a.kind === b.kind && sameList(a.defines, b.defines) && sameList(a.refs, b.refs);
}

/**
 * Groups the code units: two units join when one refers to a name the other binds. A shared
 * constant that names (or rebinds) something a code unit binds is demoted to code, so it
 * travels with it. The grouping depends on the units' kinds, definitions and names alone:
 * when they are those `last` was worked out from (a keystroke inside a class seldom changes
 * them), it is reused, and the union over every name of the file is not made again.
 */
export function groupUnits(
  units: Unit[],
  last: Grouping | null = null,
): { shared: Unit[]; components: Component[]; grouping: Grouping } {
  const reuse =
    last !== null &&
    last.facts.length === units.length &&
    units.every((u, i) => sameFacts(u, last.facts[i]!));
  const grouping = reuse ? last : groupIndices(units);
  return {
    shared: grouping.shared.map((i) => units[i]!),
    components: grouping.components.map((c) => ({ units: c.map((i) => units[i]!) })),
    grouping,
  };
}

function groupIndices(units: Unit[]): Grouping {
  const codeDefines = new Set<string>();
  for (const u of units) if (u.kind === "code") for (const d of u.defines) codeDefines.add(d);
  const kinds = units.map((u) =>
    u.kind === "shared" && [...u.refs, ...u.defines].some((r) => codeDefines.has(r))
      ? "code"
      : u.kind,
  );
  const parent = units.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const definedBy = new Map<string, number>();
  units.forEach((u, i) => {
    if (kinds[i] !== "code") return;
    for (const name of u.defines) {
      const other = definedBy.get(name);
      if (other === undefined) definedBy.set(name, i);
      else parent[find(i)] = find(other);
    }
  });
  units.forEach((u, i) => {
    if (kinds[i] !== "code") return;
    for (const name of u.refs) {
      const other = definedBy.get(name);
      if (other !== undefined) parent[find(i)] = find(other);
    }
  });
  const byRoot = new Map<number, number[]>();
  const components: number[][] = [];
  const shared: number[] = [];
  units.forEach((_, i) => {
    if (kinds[i] === "shared") shared.push(i);
    if (kinds[i] !== "code") return;
    const root = find(i);
    let component = byRoot.get(root);
    if (!component) {
      component = [];
      byRoot.set(root, component);
      components.push(component);
    }
    component.push(i);
  });
  const facts = units.map(({ kind, defines, refs }) => ({ kind, defines, refs }));
  return { facts, shared, components };
}

/**
 * The text a component of a file with a syntax error is described from: its own and the
 * shared units' lines where they stand in the file, every other line above them empty, and
 * nothing after the last. Lines and columns are the file's own; what lies between the units
 * is not there at all. (Parsing the file with only the units' lines as tree-sitter included
 * ranges recovered from errors differently with the size of the text between them, so a
 * component's description changed with edits elsewhere.)
 */
export function componentText(text: string, units: readonly Unit[]): string {
  const ordered = [...units].sort((a, b) => a.startRow - b.startRow);
  const last = lineCount(text) - 1;
  const out: string[] = [];
  for (const unit of ordered) {
    while (out.length < unit.startRow) out.push("");
    const end = Math.min(unit.endRow, last);
    for (let row = unit.startRow; row <= end; row++) out.push(lineOf(text, row));
  }
  return `${out.join("\n")}\n`;
}
