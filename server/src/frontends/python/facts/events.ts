/**
 * Orders what happens in each scope (module, function, method): pretrained loads, inits,
 * constructions, device moves and `to_empty()`, so rules can ask "was this initialised after
 * it was loaded?" without seeing syntax. Also finds parameters created uninitialised.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import { qualify, type ImportTable } from "../imports";
import { containsInit, initOpOfAssignment, initOpOfCall } from "./init-ops";
import {
  accessPath,
  callParts,
  calleeObject,
  indentOf,
  kids,
  lastName,
  rangeOf,
  statementOf,
  stringValue,
  walkScope,
} from "./syntax";
import type { LoadVia, ScopeEvent, UninitParam } from "./types";

const moduleIterators = new Set([
  "modules",
  "children",
  "parameters",
  "named_parameters",
  "named_modules",
  "named_children",
]);
const moves = new Set(["to", "cuda"]);
const chainMethods = new Set(["to", "cuda", "eval", "train", "float", "half", "bfloat16"]);
const deferredWrappers = new Set(["skip_init", "deferred_init"]);

interface Scope {
  name: string;
  className: string | null;
}

/** Where a pretrained state comes from in a constructor call, if anywhere. */
function loadVia(call: Node): LoadVia | null {
  const parts = callParts(call);
  if (!parts) return null;
  if (lastName(parts.callee) === "from_pretrained") return "from_pretrained";
  const pretrained = parts.keywords.get("pretrained");
  if (pretrained?.type === "true") return "pretrained";
  const weights = parts.keywords.get("weights");
  // A plain variable (`weights=weights`) may hold None, so only spelled-out weights count.
  const named = weights && (weights.type === "attribute" || weights.type === "string");
  return named ? "weights" : null;
}

/** True inside `with torch.device("meta")`, `init_empty_weights()` and similar. */
function underDeferredContext(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === "function_definition" || n.type === "class_definition") return false;
    if (n.type !== "with_statement") continue;
    const items = n.text.slice(0, n.text.indexOf(":"));
    if (/["']meta["']|init_empty_weights|no_init_weights|init_on_device/.test(items))
      return true;
  }
  return false;
}

/** Peels `.to(device)`, `.cuda()`, `.eval()` off a call chain: the inner call and the peels. */
function peel(node: Node): { base: Node; peeled: string[] } {
  const peeled: string[] = [];
  let base = node;
  for (;;) {
    const parts = callParts(base);
    const object = parts ? calleeObject(parts.callee) : null;
    const name = parts ? lastName(parts.callee) : "";
    if (!object || object.type !== "call" || !(chainMethods.has(name) || name === "to_empty")) {
      return { base, peeled };
    }
    peeled.push(name);
    base = object;
  }
}

const nonConstructors = new Set(["load_state_dict", "to", "cuda", "to_empty"]);

/** Calls that build a module: classes, pretrained loaders, model factories. */
function constructorLike(call: Node, imports: ImportTable): boolean {
  const parts = callParts(call)!;
  const name = lastName(parts.callee);
  const q = qualify(parts.callee, imports) ?? "";
  if (/^[A-Z]/.test(name) || deferredWrappers.has(name) || loadVia(call) !== null) return true;
  return q.startsWith("torchvision.models.") || ["create_model", "get_model"].includes(name);
}

function constructEvents(scope: Scope, assignment: Node, imports: ImportTable): ScopeEvent[] {
  const left = assignment.childForFieldName("left");
  const right = assignment.childForFieldName("right");
  if (!left || !right || right.type !== "call") return [];
  if (left.type !== "identifier" && left.type !== "attribute" && left.type !== "subscript") {
    return [];
  }
  const target = accessPath(left);
  const { base, peeled } = peel(right);
  const parts = callParts(base);
  if (!parts) return [];
  const name = lastName(parts.callee);
  if (calleeObject(parts.callee)?.type !== "call" && nonConstructors.has(name)) {
    return callEvents(scope, base, imports);
  }
  if (initOpOfCall(base, imports)) return callEvents(scope, base, imports);
  if (!constructorLike(base, imports)) return [];
  const base0 = { scope: scope.name, className: scope.className, target };
  let callee = qualify(parts.callee, imports) ?? parts.callee.text.replace(/\s+/g, "");
  let deferred = underDeferredContext(assignment);
  if (deferredWrappers.has(lastName(parts.callee)) && parts.positional[0]) {
    callee = qualify(parts.positional[0], imports) ?? parts.positional[0].text;
    deferred = true;
  }
  const events: ScopeEvent[] = [
    { ...base0, kind: "construct", range: rangeOf(base), callee, deferred },
  ];
  const via = loadVia(base);
  if (via) events.push({ ...base0, kind: "load", range: rangeOf(base), via });
  for (const p of peeled.reverse()) {
    if (moves.has(p)) events.push({ ...base0, kind: "move", range: rangeOf(right) });
    if (p === "to_empty") events.push({ ...base0, kind: "toEmpty", range: rangeOf(right) });
  }
  return events;
}

function callEvents(scope: Scope, call: Node, imports: ImportTable): ScopeEvent[] {
  const parts = callParts(call);
  if (!parts) return [];
  const base = { scope: scope.name, className: scope.className };
  const object = calleeObject(parts.callee);
  const name = lastName(parts.callee);
  const op = initOpOfCall(call, imports);
  if (object?.text === "self" && scope.className && op?.kind !== "apply") {
    return [{ ...base, kind: "selfCall", target: "self", callee: name, range: rangeOf(call) }];
  }
  if (op) {
    const fn = op.fn === undefined ? {} : { fn: op.fn };
    return [
      {
        ...base,
        kind: "init",
        initKind: op.kind,
        target: op.target,
        range: rangeOf(call),
        ...fn,
      },
    ];
  }
  if (!object || object.type === "call") return [];
  const target = accessPath(object);
  if (name === "load_state_dict") {
    return [{ ...base, kind: "load", via: "load_state_dict", target, range: rangeOf(call) }];
  }
  if (moves.has(name)) return [{ ...base, kind: "move", target, range: rangeOf(call) }];
  if (name === "to_empty") return [{ ...base, kind: "toEmpty", target, range: rangeOf(call) }];
  return [];
}

/** `for m in self.modules(): ...init...` as one init on `self`, placed at the loop. */
function loopEvent(scope: Scope, loop: Node, imports: ImportTable): ScopeEvent | null {
  const right = loop.childForFieldName("right");
  const parts = right ? callParts(right) : null;
  const object = parts ? calleeObject(parts.callee) : null;
  if (!parts || !object || !moduleIterators.has(lastName(parts.callee))) return null;
  const body = loop.childForFieldName("body");
  if (!body || !containsInit(body, imports)) return null;
  return {
    scope: scope.name,
    className: scope.className,
    kind: "init",
    initKind: "loop",
    target: accessPath(object),
    range: rangeOf(loop),
  };
}

/** Events of one scope body, in source order. */
export function scopeEvents(scope: Scope, body: Node, imports: ImportTable): ScopeEvent[] {
  const events: ScopeEvent[] = [];
  walkScope(body, ["for_statement", "assignment", "call"], (n, { type }) => {
    if (type === "for_statement") {
      const e = loopEvent(scope, n, imports);
      if (e) events.push(e);
    } else if (type === "assignment") {
      events.push(...constructEvents(scope, n, imports));
      const op = initOpOfAssignment(n);
      if (op) {
        const range = rangeOf(n);
        const { name, className } = scope;
        events.push({
          scope: name,
          className,
          kind: "init",
          initKind: "assign",
          target: op.target,
          range,
        });
      }
    } else if (type === "call" && !isPeeledCall(n)) {
      events.push(...callEvents(scope, n, imports));
    }
  });
  return events;
}

/** A call that is an assignment's right-hand side chain, already handled there. */
function isPeeledCall(call: Node): boolean {
  for (let n: Node = call; n.parent; n = n.parent) {
    const p = n.parent;
    if (p.type === "assignment") return p.childForFieldName("right")?.id === n.id;
    const chain =
      p.type === "attribute" ||
      (p.type === "call" && p.childForFieldName("function")?.id === n.id);
    if (!chain) return false;
  }
  return false;
}

const uninitCtors = new Set([
  "torch.empty",
  "torch.empty_like",
  "torch.Tensor",
  "torch.FloatTensor",
  "torch.DoubleTensor",
  "torch.HalfTensor",
  "torch.BFloat16Tensor",
  "torch.cuda.FloatTensor",
]);

/** The uninitialised constructor inside `nn.Parameter(...)`, with its dimension count. */
function uninitCtor(
  node: Node,
  imports: ImportTable,
): { call: Node; dims: number | null } | null {
  const parts = callParts(node);
  if (!parts) return null;
  const q = qualify(parts.callee, imports);
  const isNew = lastName(parts.callee) === "new_empty";
  if (!isNew && (!q || !uninitCtors.has(q))) return null;
  const args = parts.positional;
  if (args.length === 0) return null;
  const sizeLike = ["integer", "identifier", "attribute", "binary_operator", "subscript"];
  const tupleArg = args.length === 1 && (args[0]!.type === "tuple" || args[0]!.type === "list");
  const legacy = q !== null && q !== "torch.empty" && q !== "torch.empty_like";
  // `torch.Tensor([1, 2])` holds data; only size arguments leave memory unset.
  if (legacy && !args.every((a) => sizeLike.includes(a.type))) return null;
  if (q === "torch.empty_like") return { call: node, dims: null };
  if (args.some((a) => a.type === "list_splat")) return { call: node, dims: null };
  const dims = tupleArg ? kids(args[0]!).length : args.length;
  return { call: node, dims };
}

/** `self.x = nn.Parameter(torch.empty(...))` and `self.register_parameter("x", ...)`. */
export function uninitParams(
  scope: Scope,
  body: Node,
  text: string,
  imports: ImportTable,
): UninitParam[] {
  const found: UninitParam[] = [];
  if (!scope.className) return found;
  walkScope(body, ["call"], (n, { type }) => {
    const parts = type === "call" ? callParts(n) : null;
    if (!parts || qualify(parts.callee, imports) !== "torch.nn.Parameter") return;
    const inner = parts.positional[0] ?? parts.keywords.get("data");
    const ctor = inner ? uninitCtor(inner, imports) : null;
    if (!ctor) return;
    const attr = parameterAttr(n);
    if (!attr) return;
    const statement = statementOf(n);
    found.push({
      className: scope.className!,
      method: scope.name.split(".").pop() ?? "",
      attr,
      range: rangeOf(ctor.call),
      ctor: callParts(ctor.call)!.callee.text,
      dims: ctor.dims,
      statementRange: rangeOf(statement),
      indent: indentOf(text, statement),
    });
  });
  return found;
}

function parameterAttr(param: Node): string | null {
  const parent = param.parent;
  if (parent?.type === "assignment") {
    const left = parent.childForFieldName("left");
    const isSelf =
      left?.type === "attribute" && left.childForFieldName("object")?.text === "self";
    return isSelf ? (left.childForFieldName("attribute")?.text ?? null) : null;
  }
  const call = parent?.type === "argument_list" ? parent.parent : null;
  const parts = call ? callParts(call) : null;
  if (parts && lastName(parts.callee) === "register_parameter") {
    return stringValue(parts.positional[0] ?? null);
  }
  return null;
}
