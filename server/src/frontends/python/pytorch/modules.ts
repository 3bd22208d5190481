/**
 * Module values: what `nn.Linear(...)`, `nn.Sequential(...)` and an instance of a model
 * class in the file evaluate to while `__init__` is read. They form the tree that
 * `self.modules()`, `self.apply()` and `forward()` walk, and `attach` gives every leaf its
 * id (`net.0`), access path (`self.net[0]`) and the place where a fix adds an init line.
 */
import type { Layer, Param, Position } from "../../../model/types";
import type { Obj, Value } from "./values";

/** One layer: a module that owns parameters or is an activation, norm, pooling... */
export interface LeafModule extends Obj {
  tag: "leaf";
  layer: Layer;
  /** Qualified class names, most specific first (`torch.nn.Conv2d`, `torch.nn.Module`). */
  classes: string[];
  owner?: object;
}

/** `nn.Sequential`, `nn.ModuleList` or `nn.ModuleDict`. */
export interface ContainerModule extends Obj {
  tag: "container";
  kind: "sequential" | "modulelist" | "moduledict";
  classes: string[];
  entries: { key: string; value: ModuleValue }[];
  id: string;
  owner?: object;
  /** Where it was attached, so modules appended later get names under it. */
  point?: AttachPoint;
}

/** An instance of a model class defined in the file. */
export interface InstanceModule extends Obj {
  tag: "instance";
  className: string;
  classes: string[];
  /** Attributes set in `__init__`, modules and plain values, in assignment order. */
  attrs: Map<string, Value>;
  id: string;
  owner?: object;
}

/** Any module value. */
export type ModuleValue = LeafModule | ContainerModule | InstanceModule;

/** A parameter reached through an attribute (`self.fc.weight`, `p` in a loop). */
export interface ParamRef extends Obj {
  tag: "param";
  leaf: LeafModule;
  param: Param;
}

/** True for module values. */
export function isModule(v: Value | undefined): v is ModuleValue {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  return v.tag === "leaf" || v.tag === "container" || v.tag === "instance";
}

/** The direct submodules of a module, with their keys, in registration order. */
export function childrenOf(m: ModuleValue): { key: string; value: ModuleValue }[] {
  if (m.tag === "container") return m.entries;
  if (m.tag === "leaf") return [];
  const out: { key: string; value: ModuleValue }[] = [];
  for (const [key, value] of m.attrs) if (isModule(value)) out.push({ key, value });
  return out;
}

/** Every leaf under a module, in the order `modules()` yields them, each once. */
export function leavesOf(m: ModuleValue): LeafModule[] {
  return allModules(m).filter((x): x is LeafModule => x.tag === "leaf");
}

/** Every module under a module, itself first, in the order `modules()` yields them. */
export function allModules(m: ModuleValue): ModuleValue[] {
  const out: ModuleValue[] = [];
  const seen = new Set<ModuleValue>();
  const stack: ModuleValue[] = [m];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    out.push(current);
    const children = childrenOf(current);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!.value);
  }
  return out;
}

/** The id of a module relative to the model being described. */
export function idOf(m: ModuleValue): string {
  return m.tag === "leaf" ? m.layer.id : m.id;
}

/** A name relative to an ancestor's id, as `named_parameters()` on that ancestor spells it. */
export function relativeName(id: string, ancestorId: string): string {
  if (ancestorId === "") return id;
  return id.startsWith(`${ancestorId}.`) ? id.slice(ancestorId.length + 1) : id;
}

/** Where an attached module's fix line goes. */
export interface AttachPoint {
  id: string;
  access: string;
  insertInitAt?: { position: Position; indent: string };
  owner: object;
}

function join(prefix: string, key: string): string {
  return prefix === "" ? key : `${prefix}.${key}`;
}

function accessOf(prefix: string, key: string, index: boolean): string {
  if (index) return `${prefix}[${key}]`;
  return /^[A-Za-z_]\w*$/.test(key) ? `${prefix}.${key}` : `${prefix}[${JSON.stringify(key)}]`;
}

/**
 * Names a module and everything under it as reached from the model being described. A
 * module already attached to the same model keeps its first name (PyTorch registers shared
 * modules once in `modules()`).
 */
export function attach(m: ModuleValue, at: AttachPoint, submodule?: string, depth = 0): void {
  if (depth > 64 || m.owner === at.owner) return;
  m.owner = at.owner;
  if (m.tag === "leaf") {
    m.layer.id = at.id;
    m.layer.name = at.id;
    m.layer.accessPath = at.access;
    if (at.insertInitAt) m.layer.insertInitAt = at.insertInitAt;
    if (submodule && !m.layer.submodule) m.layer.submodule = submodule;
    return;
  }
  m.id = at.id;
  if (m.tag === "container") m.point = at;
  const inner = m.tag === "instance" ? m.className : submodule;
  const sequenceLike = m.tag === "container" && m.kind !== "moduledict";
  for (const { key, value } of childrenOf(m)) {
    const index = sequenceLike && /^\d+$/.test(key);
    const point = { ...at, id: join(at.id, key), access: accessOf(at.access, key, index) };
    attach(value, point, inner, depth + 1);
  }
}

/**
 * A copy of a layer whose mutable parts (ids, params and their init history) are its own;
 * initializers, ranges and call sites are never mutated after creation, so they are shared.
 */
function cloneLayer(layer: Layer): Layer {
  const params = layer.params.map((p) => ({
    ...p,
    ...(p.history ? { history: [...p.history] } : {}),
  }));
  return { ...layer, params };
}

/** A deep copy of a module tree, unattached, so one class can be instantiated many times. */
export function cloneModule(m: ModuleValue, depth = 0): ModuleValue {
  if (m.tag === "leaf") {
    return { tag: "leaf", layer: cloneLayer(m.layer), classes: m.classes };
  }
  if (depth > 64) return m;
  if (m.tag === "container") {
    const entries = m.entries.map((e) => ({
      key: e.key,
      value: cloneModule(e.value, depth + 1),
    }));
    return { tag: "container", kind: m.kind, classes: m.classes, entries, id: m.id };
  }
  const attrs = new Map<string, Value>();
  for (const [key, value] of m.attrs) {
    attrs.set(key, isModule(value) ? cloneModule(value, depth + 1) : value);
  }
  return { tag: "instance", className: m.className, classes: m.classes, attrs, id: m.id };
}

/** `named_parameters()` of a module: names relative to it, in registration order. */
export function namedParameters(m: ModuleValue): [string, ParamRef][] {
  const base = idOf(m);
  const out: [string, ParamRef][] = [];
  for (const leaf of leavesOf(m)) {
    const prefix = leaf === m ? "" : relativeName(leaf.layer.id, base);
    for (const param of leaf.layer.params) {
      out.push([join(prefix, param.name), { tag: "param", leaf, param }]);
    }
  }
  return out;
}
