/**
 * The values the PyTorch front end's small evaluator works with: Python literals, containers,
 * and tagged references (qualified names, module values, parameters) that other modules of
 * the front end define. `UNKNOWN` stands for anything the source does not pin down; every
 * operation on it yields `UNKNOWN` again, so guesses never creep in.
 */

/** A tagged non-literal value; the tag says which module of the front end owns it. */
export interface Obj {
  readonly tag: string;
}

/** Python `None` is `null`; lists and tuples are arrays. */
export type Value = number | string | boolean | null | Value[] | Obj;

/** Anything the evaluator could not resolve. */
export const UNKNOWN: Obj = Object.freeze({ tag: "unknown" });

/** A dotted name that resolved through the imports (`torch.nn.Linear`) or a local class. */
export interface QName extends Obj {
  tag: "qname";
  name: string;
}

/** A Python dict or OrderedDict, in insertion order. */
export interface DictValue extends Obj {
  tag: "dict";
  entries: Map<string, Value>;
}

/** An attribute of a value that is only meaningful when called (`name.endswith`). */
export interface MethodValue extends Obj {
  tag: "method";
  self: Value;
  name: string;
}

/** True for the unknown marker. */
export function isUnknown(v: Value | undefined): boolean {
  return (
    v === undefined ||
    (typeof v === "object" && v !== null && !Array.isArray(v) && v.tag === "unknown")
  );
}

/** Narrows to a tagged value with the given tag. */
export function isTagged<T extends Obj>(v: Value | undefined, tag: T["tag"]): v is T {
  return typeof v === "object" && v !== null && !Array.isArray(v) && v.tag === tag;
}

/** A qualified-name value. */
export function qname(name: string): QName {
  return { tag: "qname", name };
}

/** The number in a value, or null. */
export function asNumber(v: Value | undefined): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  return null;
}

/** The integer in a value, or null. */
export function asInt(v: Value | undefined): number | null {
  const n = asNumber(v);
  return n !== null && Number.isInteger(n) ? n : null;
}

/** Python truthiness, or undefined when it depends on something unknown. */
export function truthy(v: Value | undefined): boolean | undefined {
  if (v === undefined || isUnknown(v)) return undefined;
  if (v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isTagged<DictValue>(v, "dict")) return v.entries.size > 0;
  return true;
}

/** Variables of one Python scope, looked up through its parents. */
export class Scope {
  private readonly vars = new Map<string, Value>();

  constructor(private readonly parent?: Scope) {}

  /** The value bound to `name` here or in an enclosing scope. */
  get(name: string): Value | undefined {
    if (this.vars.has(name)) return this.vars.get(name);
    return this.parent?.get(name);
  }

  /** True when `name` is bound here or in an enclosing scope. */
  has(name: string): boolean {
    return this.vars.has(name) || (this.parent?.has(name) ?? false);
  }

  /** Binds `name` in this scope. */
  set(name: string, value: Value): void {
    this.vars.set(name, value);
  }
}
