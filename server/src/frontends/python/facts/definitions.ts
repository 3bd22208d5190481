/**
 * Facts about the file's definitions: each class (bases, the module types it constructs, its
 * attributes' types) and each function (whether it is an init function, which isinstance
 * types it filters on, which `self.` members it reaches).
 */
import type { SyntaxNode as Node } from "../syntax-node";
import { qualify, type ImportTable } from "../imports";
import { containsInit, initOpOfAssignment, initOpOfCall } from "./init-ops";
import {
  callParts,
  definitionsOf,
  kids,
  lastName,
  rangeOf,
  walkAll,
  walkScope,
} from "./syntax";
import type { ClassFact, FunctionFact, InitFnReason } from "./types";

const initFnName =
  /^_?(init_?weights?|weights?_init|init_params|init_parameters|reset_parameters|reset_params|initiali[sz]e_weights|init_module|init_layer)(_[a-z0-9_]*)?$/i;

const builtins = new Set([
  "int",
  "float",
  "len",
  "list",
  "tuple",
  "dict",
  "range",
  "sum",
  "max",
  "min",
  "getattr",
  "super",
  "round",
  "abs",
  "print",
  "str",
  "bool",
  "zip",
  "enumerate",
  "isinstance",
  "hasattr",
]);

/** The definition node behind a possibly decorated statement. */
function definitionOf(node: Node): Node | null {
  if (node.type === "decorated_definition") return node.childForFieldName("definition");
  return node;
}

function classBody(cls: Node): Node[] {
  const body = cls.childForFieldName("body");
  return body
    ? kids(body)
        .map(definitionOf)
        .filter((n): n is Node => n !== null)
    : [];
}

function paramNames(fn: Node): string[] {
  const params = fn.childForFieldName("parameters");
  if (!params) return [];
  return kids(params).flatMap((p) => {
    if (p.type === "identifier") return [p.text];
    const name = p.childForFieldName("name") ?? kids(p).find((c) => c.type === "identifier");
    return name ? [name.text] : [];
  });
}

function typeNames(node: Node, imports: ImportTable): string[] {
  if (node.type === "tuple" || node.type === "list") {
    return kids(node).flatMap((c) => typeNames(c, imports));
  }
  return [qualify(node, imports) ?? node.text.replace(/\s+/g, "")];
}

/** True when `condition` holds an `isinstance(...)` call. */
function hasIsinstance(condition: Node | null): boolean {
  if (!condition) return false;
  let found = false;
  walkAll(condition, ["call"], (n) => {
    if (!found && n.childForFieldName("function")?.text === "isinstance") found = true;
  });
  return found;
}

/** True when the node sits in an isinstance-guarded branch inside `fn`. */
function isinstanceGuarded(node: Node, fn: Node): boolean {
  for (let n: Node | null = node; n && n.id !== fn.id; n = n.parent) {
    const parent = n.parent;
    if (!parent || n.type !== "block") continue;
    const guarded = parent.type === "if_statement" || parent.type === "elif_clause";
    if (guarded && hasIsinstance(parent.childForFieldName("condition"))) return true;
  }
  return false;
}

function describeFunction(
  fn: Node,
  className: string | null,
  imports: ImportTable,
): FunctionFact {
  const name = fn.childForFieldName("name")?.text ?? "";
  const params = paramNames(fn);
  const args = new Set(params.filter((p) => p !== "self" && p !== "cls"));
  const selfRefs = new Set<string>();
  const isinstanceTypes: string[] = [];
  let initsOnArgs = 0;
  let unguarded = 0;

  walkScope(fn, ["attribute", "call", "assignment", "augmented_assignment"], (n, { type }) => {
    if (type === "attribute") {
      const self = /^self\s*\.\s*(\w+)$/.exec(n.text);
      if (self) selfRefs.add(self[1]!);
      return;
    }
    const parts = type === "call" ? callParts(n) : null;
    if (parts?.callee.text === "isinstance" && parts.positional.length === 2) {
      if (args.has(parts.positional[0]!.text)) {
        isinstanceTypes.push(...typeNames(parts.positional[1]!, imports));
      }
    }
    // A call is never an assignment, so only one of the two can find an init.
    const op = type === "call" ? initOpOfCall(n, imports) : initOpOfAssignment(n);
    if (!op || op.kind === "apply") return;
    const root = op.target.split(/[.[]/)[0] ?? "";
    if (args.has(root)) initsOnArgs++;
    if (!isinstanceGuarded(n, fn)) unguarded++;
  });

  const special = name === "__init__" || name === "forward";
  let initReason: InitFnReason = null;
  if (!special && initFnName.test(name)) initReason = "name";
  else if (!special && initsOnArgs > 0) initReason = "body";
  const nested = fn.parent !== null && hasFunctionAncestor(fn);
  return {
    name,
    className,
    nameRange: rangeOf(fn.childForFieldName("name") ?? fn),
    range: rangeOf(fn),
    params,
    selfRefs: [...selfRefs].filter((s) => s !== ""),
    initReason,
    isinstanceTypes,
    filterOnly: isinstanceTypes.length > 0 && unguarded === 0 && containsInit(fn, imports),
    nested,
  };
}

function hasFunctionAncestor(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) if (n.type === "function_definition") return true;
  return false;
}

/** What a call constructs: a module type, an in-file function to expand, nothing, or unknown. */
function classifyCall(
  call: Node,
  imports: ImportTable,
  local: { classes: Set<string>; functions: Set<string> },
): string | "?" | null {
  const parts = callParts(call);
  if (!parts) return null;
  const name = lastName(parts.callee);
  const q = qualify(parts.callee, imports);
  if (q?.startsWith("torch.nn.")) {
    const moduleType = /^[A-Z]/.test(name) && !name.startsWith("Parameter");
    return moduleType ? q : null;
  }
  if (q?.startsWith("torch.") || q?.startsWith("math.") || q?.startsWith("numpy.")) return null;
  if (parts.callee.type === "identifier") {
    if (local.classes.has(name)) return name;
    if (local.functions.has(name)) return `fn:${name}`;
    if (builtins.has(name)) return null;
  }
  if (parts.callee.type === "attribute") {
    if (parts.callee.childForFieldName("object")?.text === "self") return null;
  }
  if (/^[A-Z]/.test(name)) return "?";
  const assigned = call.parent?.type === "assignment" && call.parent.childForFieldName("right");
  const toSelf = assigned && call.parent?.childForFieldName("left")?.text.startsWith("self.");
  return toSelf ? "?" : null;
}

/** Constructed types of any subtree, expanding in-file helper functions once. */
function constructsOf(
  node: Node,
  imports: ImportTable,
  local: { classes: Set<string>; functions: Set<string> },
): { types: string[]; unknown: boolean; attrTypes: Record<string, string> } {
  const types = new Set<string>();
  const attrTypes: Record<string, string> = {};
  let unknown = false;
  walkAll(node, ["call"], (n) => {
    const t = classifyCall(n, imports, local);
    if (t === "?") unknown = true;
    else if (t) types.add(t);
    if (!t || t === "?") return;
    const parent = n.parent;
    const left = parent?.type === "assignment" ? parent.childForFieldName("left") : null;
    if (left?.type === "attribute" && left.text.startsWith("self.")) {
      if (parent?.childForFieldName("right")?.id === n.id) {
        attrTypes[left.childForFieldName("attribute")?.text ?? ""] = t;
      }
    }
  });
  return { types: [...types], unknown, attrTypes };
}

/** Collects classes and functions at any depth. */
export function collectDefinitions(
  root: Node,
  imports: ImportTable,
): { classes: ClassFact[]; functions: FunctionFact[] } {
  const classNodes = definitionsOf(root.tree, ["class_definition"]).map((d) => d.node);
  const fnNodes = definitionsOf(root.tree, ["function_definition"]).map((d) => d.node);
  const local = {
    classes: new Set(classNodes.map((c) => c.childForFieldName("name")?.text ?? "")),
    functions: new Set(
      fnNodes
        .filter((f) => f.parent?.type === "module")
        .map((f) => f.childForFieldName("name")!.text),
    ),
  };
  const functionConstructs = new Map<string, ReturnType<typeof constructsOf>>();
  for (const f of fnNodes) {
    if (f.parent?.type !== "module") continue;
    functionConstructs.set(f.childForFieldName("name")!.text, constructsOf(f, imports, local));
  }

  const classes = classNodes.map((cls) =>
    describeClass(cls, imports, local, functionConstructs),
  );
  const functions = fnNodes.map((fn) => {
    const owner = ownerClass(fn);
    return describeFunction(fn, owner, imports);
  });
  return { classes, functions };
}

function ownerClass(fn: Node): string | null {
  let n = fn.parent;
  if (n?.type === "decorated_definition") n = n.parent;
  const cls = n?.type === "block" ? n.parent : null;
  return cls?.type === "class_definition"
    ? (cls.childForFieldName("name")?.text ?? null)
    : null;
}

function describeClass(
  cls: Node,
  imports: ImportTable,
  local: { classes: Set<string>; functions: Set<string> },
  functionConstructs: Map<string, ReturnType<typeof constructsOf>>,
): ClassFact {
  const nameNode = cls.childForFieldName("name");
  const supers = cls.childForFieldName("superclasses");
  const bases = supers
    ? kids(supers)
        .filter((b) => b.type !== "keyword_argument")
        .map((b) => qualify(b, imports) ?? b.text)
    : [];
  const own = constructsOf(cls, imports, local);
  const types = new Set<string>();
  let unknown = own.unknown;
  const seen = new Set<string>();
  const expand = (list: string[]): void => {
    for (const t of list) {
      if (!t.startsWith("fn:")) {
        types.add(t);
        continue;
      }
      if (seen.has(t)) continue;
      seen.add(t);
      const inner = functionConstructs.get(t.slice(3));
      if (!inner) continue;
      unknown ||= inner.unknown;
      expand(inner.types);
    }
  };
  expand(own.types);
  let ownsWeight = false;
  walkAll(cls, ["assignment"], (n) => {
    if (ownsWeight) return;
    const left = n.childForFieldName("left")?.text;
    if (left === "self.weight" || left === "self.bias") ownsWeight = true;
  });
  return {
    name: nameNode?.text ?? "",
    range: rangeOf(cls),
    nameRange: rangeOf(nameNode ?? cls),
    bases,
    methods: classBody(cls)
      .filter((d) => d.type === "function_definition")
      .map((d) => d.childForFieldName("name")?.text ?? ""),
    constructs: [...types],
    unknownConstructs: unknown,
    attrTypes: Object.fromEntries(
      Object.entries(own.attrTypes).filter(([, t]) => !t.startsWith("fn:")),
    ),
    ownsWeight,
  };
}
