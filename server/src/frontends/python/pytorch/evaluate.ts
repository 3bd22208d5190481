/**
 * A small, bounded evaluator for Python expressions: literals, arithmetic, comparisons,
 * containers, comprehensions and a few builtins, over a scope of known names. It never runs
 * user code; what it cannot resolve becomes UNKNOWN. The front end plugs in hooks for what
 * only it understands (module constructors, `self.fc.weight`, `isinstance` on layers).
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { ImportTable } from "../imports";
import { callBuiltin, mathConstant } from "./builtins";
import { binary, same, unary } from "./operators";
import { named, field } from "./syntax";
import {
  type DictValue,
  type MethodValue,
  type QName,
  type Value,
  Scope,
  UNKNOWN,
  asInt,
  isTagged,
  isUnknown,
  qname,
  truthy,
} from "./values";

/** A call the evaluator hands to the front end, arguments already evaluated. */
export interface CallInfo {
  node: Node;
  callee: Value;
  args: Value[];
  kwargs: Map<string, Value>;
  /** False when a `*x` or `**x` argument could not be expanded. */
  complete: boolean;
  env: EvalEnv;
}

/** What the front end adds to the evaluator. */
export interface EvalHooks {
  /** An attribute of a tagged value; undefined when not handled. */
  attribute?(obj: Value, name: string): Value | undefined;
  /** `obj[key]` for tagged values. */
  item?(obj: Value, key: Value): Value | undefined;
  /** A call the builtins do not cover. */
  call?(info: CallInfo): Value | undefined;
  /** Qualified class names a value is an instance of, most specific first. */
  classOf?(v: Value): string[] | undefined;
  /** `hasattr(obj, name)` for tagged values. */
  hasAttr?(obj: Value, name: string): boolean | undefined;
  /** Iterates a tagged value (`self.layers`, `self.modules()`). */
  iterate?(obj: Value): Value[] | undefined;
}

/** Evaluation steps left; shared by everything evaluated for one file. */
export interface Budget {
  steps: number;
}

/** Everything an evaluation needs. */
export interface EvalEnv {
  scope: Scope;
  imports: ImportTable;
  hooks: EvalHooks;
  budget: Budget;
  /** The front end's own state for the code being read (its interpreter frame). */
  frame?: object;
}

const maxDepth = 120;
const maxItems = 4096;

/** Evaluates an expression node; UNKNOWN when anything it depends on is unknown. */
export function evaluate(node: Node | null, env: EvalEnv, depth = 0): Value {
  if (!node || depth > maxDepth || env.budget.steps-- <= 0) return UNKNOWN;
  const ev = (n: Node | null): Value => evaluate(n, env, depth + 1);
  switch (node.type) {
    case "integer":
    case "float": {
      const n = Number(node.text.replace(/_/g, ""));
      return Number.isFinite(n) ? n : UNKNOWN;
    }
    case "true":
      return true;
    case "false":
      return false;
    case "none":
      return null;
    case "string":
      return stringValue(node);
    case "concatenated_string": {
      const parts = named(node).map(ev);
      return parts.every((p) => typeof p === "string") ? parts.join("") : UNKNOWN;
    }
    case "parenthesized_expression":
      return ev(named(node)[0] ?? null);
    case "identifier":
      return lookup(node.text, env);
    case "attribute":
      return attribute(node, env, depth);
    case "subscript":
      return subscript(node, env, depth);
    case "call":
      return call(node, env, depth);
    case "tuple":
    case "list":
    case "expression_list":
      return sequence(node, env, depth);
    case "dictionary":
      return dictionary(node, env, depth);
    case "unary_operator":
      return unary(node.child(0)?.text ?? "", ev(field(node, "argument")));
    case "binary_operator":
      return binary(
        field(node, "operator")?.text ?? "",
        ev(field(node, "left")),
        ev(field(node, "right")),
      );
    case "not_operator": {
      const t = truthy(ev(field(node, "argument")));
      return t === undefined ? UNKNOWN : !t;
    }
    case "boolean_operator":
      return booleanOp(node, env, depth);
    case "comparison_operator":
      return comparison(node, env, depth);
    case "conditional_expression": {
      const [a, cond, b] = named(node);
      const t = truthy(ev(cond ?? null));
      if (t === undefined) return UNKNOWN;
      return ev((t ? a : b) ?? null);
    }
    case "list_comprehension":
    case "generator_expression":
      return comprehension(node, env, depth);
    default:
      return UNKNOWN;
  }
}

function stringValue(node: Node): Value {
  let out = "";
  for (const part of named(node)) {
    if (part.type === "interpolation") return UNKNOWN;
    if (part.type === "string_content") out += unescape(part);
  }
  return out;
}

function unescape(content: Node): string {
  // Escapes are rare in the strings that matter here (names, modes); keep them as written
  // except the common single-character ones.
  const map: Record<string, string> = { "\\n": "\n", "\\t": "\t", "\\'": "'", '\\"': '"' };
  let text = content.text;
  for (const [from, to] of Object.entries(map)) text = text.split(from).join(to);
  return text;
}

function lookup(name: string, env: EvalEnv): Value {
  if (env.scope.has(name)) return env.scope.get(name) ?? null;
  const imported = env.imports.get(name);
  if (imported !== undefined) return qname(imported);
  return builtinNames.has(name) ? qname(`builtins.${name}`) : UNKNOWN;
}

const builtinNames = new Set([
  "isinstance",
  "type",
  "hasattr",
  "getattr",
  "len",
  "int",
  "float",
  "bool",
  "str",
  "abs",
  "min",
  "max",
  "round",
  "sum",
  "range",
  "enumerate",
  "zip",
  "list",
  "tuple",
  "dict",
  "super",
  "reversed",
  "print",
]);

function attribute(node: Node, env: EvalEnv, depth: number): Value {
  const name = field(node, "attribute")?.text ?? "";
  const obj = evaluate(field(node, "object"), env, depth + 1);
  if (isTagged<QName>(obj, "qname")) {
    const local = env.hooks.attribute?.(obj, name);
    if (local !== undefined) return local;
    const full = `${obj.name}.${name}`;
    return mathConstant(full) ?? qname(full);
  }
  if (isUnknown(obj)) return UNKNOWN;
  const hooked = env.hooks.attribute?.(obj, name);
  if (hooked !== undefined) return hooked;
  return { tag: "method", self: obj, name } as MethodValue;
}

function subscript(node: Node, env: EvalEnv, depth: number): Value {
  const obj = evaluate(field(node, "value"), env, depth + 1);
  const keyNode = field(node, "subscript");
  if (!keyNode || keyNode.type === "slice") return UNKNOWN;
  const key = evaluate(keyNode, env, depth + 1);
  if (isUnknown(obj) || isUnknown(key)) return UNKNOWN;
  if (Array.isArray(obj) || typeof obj === "string") {
    const i = asInt(key);
    if (i === null) return UNKNOWN;
    const at = i < 0 ? obj.length + i : i;
    return at >= 0 && at < obj.length ? (obj[at] as Value) : UNKNOWN;
  }
  if (isTagged<DictValue>(obj, "dict")) {
    return obj.entries.has(String(key)) ? (obj.entries.get(String(key)) as Value) : UNKNOWN;
  }
  return env.hooks.item?.(obj, key) ?? UNKNOWN;
}

function call(node: Node, env: EvalEnv, depth: number): Value {
  const callee = evaluate(field(node, "function"), env, depth + 1);
  const info: CallInfo = { node, callee, args: [], kwargs: new Map(), complete: true, env };
  const list = field(node, "arguments");
  if (list?.type === "generator_expression") {
    info.args.push(comprehension(list, env, depth + 1));
  }
  for (const arg of list?.type === "argument_list" ? named(list) : []) {
    if (arg.type === "keyword_argument") {
      const key = field(arg, "name")?.text ?? "";
      info.kwargs.set(key, evaluate(field(arg, "value"), env, depth + 1));
    } else if (arg.type === "list_splat") {
      const v = evaluate(named(arg)[0] ?? null, env, depth + 1);
      const items = iterate(v, env);
      if (items) info.args.push(...items);
      else info.complete = false;
    } else if (arg.type === "dictionary_splat") {
      const v = evaluate(named(arg)[0] ?? null, env, depth + 1);
      if (isTagged<DictValue>(v, "dict")) for (const [k, x] of v.entries) info.kwargs.set(k, x);
      else info.complete = false;
    } else {
      info.args.push(evaluate(arg, env, depth + 1));
    }
  }
  const builtin = callBuiltin(info);
  if (builtin !== undefined) return builtin;
  return env.hooks.call?.(info) ?? UNKNOWN;
}

/** The elements of an iterable value, or undefined when they are not known. */
export function iterate(v: Value, env: EvalEnv): Value[] | undefined {
  if (Array.isArray(v)) return v;
  if (typeof v === "string") return [...v];
  if (isTagged<DictValue>(v, "dict")) return [...v.entries.keys()];
  if (isUnknown(v)) return undefined;
  return env.hooks.iterate?.(v);
}

function sequence(node: Node, env: EvalEnv, depth: number): Value {
  const out: Value[] = [];
  for (const item of named(node)) {
    if (item.type === "list_splat") {
      const items = iterate(evaluate(named(item)[0] ?? null, env, depth + 1), env);
      if (!items) return UNKNOWN;
      out.push(...items);
    } else {
      out.push(evaluate(item, env, depth + 1));
    }
  }
  return out;
}

function dictionary(node: Node, env: EvalEnv, depth: number): Value {
  const entries = new Map<string, Value>();
  for (const item of named(node)) {
    if (item.type === "pair") {
      const key = evaluate(field(item, "key"), env, depth + 1);
      if (typeof key !== "string" && typeof key !== "number") return UNKNOWN;
      entries.set(String(key), evaluate(field(item, "value"), env, depth + 1));
    } else {
      const v = evaluate(named(item)[0] ?? null, env, depth + 1);
      if (!isTagged<DictValue>(v, "dict")) return UNKNOWN;
      for (const [k, x] of v.entries) entries.set(k, x);
    }
  }
  return { tag: "dict", entries } as DictValue;
}

function comprehension(node: Node, env: EvalEnv, depth: number): Value {
  const body = field(node, "body");
  const clauses = named(node).filter(
    (c) => c.type === "for_in_clause" || c.type === "if_clause",
  );
  const out: Value[] = [];
  const loop = (index: number, scope: Scope): boolean => {
    if (out.length > maxItems) return false;
    const inner: EvalEnv = { ...env, scope };
    const clause = clauses[index];
    if (!clause) {
      out.push(evaluate(body, inner, depth + 1));
      return true;
    }
    if (clause.type === "if_clause") {
      const t = truthy(evaluate(named(clause)[0] ?? null, inner, depth + 1));
      if (t === undefined) return false;
      return t ? loop(index + 1, scope) : true;
    }
    const items = iterate(evaluate(field(clause, "right"), inner, depth + 1), env);
    const target = field(clause, "left");
    if (!items || !target) return false;
    for (const item of items) {
      const child = new Scope(scope);
      bindTarget(target, item, child);
      if (!loop(index + 1, child)) return false;
    }
    return true;
  };
  return loop(0, new Scope(env.scope)) ? out : UNKNOWN;
}

/** Binds an assignment or loop target (`x`, `a, b`, `(i, layer)`) to a value. */
export function bindTarget(target: Node, value: Value, scope: Scope): void {
  if (target.type === "identifier") {
    scope.set(target.text, value);
    return;
  }
  const isPattern = ["pattern_list", "tuple_pattern", "tuple", "list_pattern", "list"];
  if (!isPattern.includes(target.type)) return;
  const parts = named(target);
  parts.forEach((part, i) => {
    const item = Array.isArray(value) && value.length === parts.length ? value[i]! : UNKNOWN;
    bindTarget(part, item, scope);
  });
}

function booleanOp(node: Node, env: EvalEnv, depth: number): Value {
  const op = field(node, "operator")?.text;
  const left = evaluate(field(node, "left"), env, depth + 1);
  const lt = truthy(left);
  if (lt === undefined) {
    // `unknown and False` is still False; `unknown or True` is still True.
    const rt = truthy(evaluate(field(node, "right"), env, depth + 1));
    if (op === "and" && rt === false) return false;
    if (op === "or" && rt === true) return true;
    return UNKNOWN;
  }
  if (op === "and") return lt ? evaluate(field(node, "right"), env, depth + 1) : left;
  return lt ? left : evaluate(field(node, "right"), env, depth + 1);
}

function comparison(node: Node, env: EvalEnv, depth: number): Value {
  const operands: Node[] = [];
  const operators: string[] = [];
  let pending = "";
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (!child) continue;
    if (child.isNamed && child.type !== "comment") {
      if (operands.length > 0) operators.push(pending.trim());
      operands.push(child);
      pending = "";
    } else {
      pending += ` ${child.text}`;
    }
  }
  let left = evaluate(operands[0] ?? null, env, depth + 1);
  let result: boolean = true;
  for (let i = 0; i < operators.length; i++) {
    const right = evaluate(operands[i + 1] ?? null, env, depth + 1);
    const r = compare(operators[i]!, left, right, env);
    if (r === undefined) return UNKNOWN;
    result = result && r;
    left = right;
  }
  return result;
}

function compare(op: string, a: Value, b: Value, env: EvalEnv): boolean | undefined {
  switch (op) {
    case "==":
    case "is":
      return same(a, b);
    case "!=":
    case "is not": {
      const s = same(a, b);
      return s === undefined ? undefined : !s;
    }
    case "in":
    case "not in": {
      const found = contains(b, a, env);
      if (found === undefined) return undefined;
      return op === "in" ? found : !found;
    }
  }
  if (typeof a !== "number" || typeof b !== "number") {
    if (typeof a !== "string" || typeof b !== "string") return undefined;
  }
  if (op === "<") return a < b;
  if (op === ">") return a > b;
  if (op === "<=") return a <= b;
  if (op === ">=") return a >= b;
  return undefined;
}

function contains(haystack: Value, needle: Value, env: EvalEnv): boolean | undefined {
  if (typeof haystack === "string") {
    return typeof needle === "string" ? haystack.includes(needle) : undefined;
  }
  const items = iterate(haystack, env);
  if (!items) return undefined;
  let unknown = false;
  for (const item of items) {
    const s = same(item, needle);
    if (s === true) return true;
    if (s === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}
