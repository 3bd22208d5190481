/**
 * Data flow through model code: walks the statements of a Keras functional block, a Keras
 * `call()` or a Flax `__call__`, applying layers to values in order (`x = Dense(64)(x)`,
 * `x = self.fc1(x)`, `x = nn.relu(x)`, `x = x + shortcut`), so layers come out in the order
 * data passes through them and each one learns the shape flowing in. What a call means is the
 * framework's business: a Dialect says which calls construct layers and which are activations.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { Activation, Layer } from "../../../model/types";
import { type CallParts, readCall } from "./calls";
import { evalNumber, type Scope } from "./literals";
import type { LayerNamer } from "./naming";
import { rangeOf } from "./ranges";
import type { Shape } from "./shapes";
import { lastDim } from "./shapes";
import { assignmentOf, childrenOf, flatStatements } from "./syntax";

/** A built layer and the shape it hands on. */
export interface Built {
  layer: Layer;
  output: Shape;
}

/** What one framework's calls mean to the walk. */
export interface Dialect {
  /** True when the call constructs a layer that is applied later (`Dense(64)`). */
  isLayerConstructor(call: Node, scope: Scope): boolean;
  /** Builds the layer a constructor call makes for the given input shape. */
  build(
    call: Node,
    input: Shape,
    opts: { scope: Scope; namer: LayerNamer; id?: string },
  ): Built | null;
  /** The activation a function name denotes (`nn.relu`), or null. */
  activation(fn: Node): Activation | null;
  /**
   * Framework calls with their own meaning (`keras.Input`, `keras.Model`, `nn.avg_pool`,
   * `x.reshape`); undefined when the call is not one of them.
   */
  special?(flow: Flow, parts: CallParts): Value | null | undefined;
}

/** A tensor value: its shape and the layer that produced it (null for inputs and unknowns). */
export interface Value {
  shape: Shape;
  producer: string | null;
}

/** What a name refers to: a layer constructed once and applied later, or a list of them. */
export type Binding = LayerBinding | { kind: "list"; items: Binding[] };

/** A layer constructor bound to a name, with the scope its arguments read from. */
export interface LayerBinding {
  kind: "layer";
  call: Node;
  accessPath?: string;
  id?: string;
  scope?: Scope;
}

/** A `Model(inputs, outputs)` call met during the walk. */
export interface ModelCall {
  call: Node;
  outputs: Value[];
  target: Node | null;
}

/** The walk's state. */
export interface Flow {
  dialect: Dialect;
  scope: Scope;
  namer: LayerNamer;
  /** Layers in the order data first reaches them. */
  layers: Layer[];
  /** Layer id to the producers of its inputs. */
  edges: Map<string, string[]>;
  values: Map<string, Value>;
  bindings: Map<string, Binding>;
  /** A bound layer's built form, so applying it twice (shared weights) adds it once. */
  applied: Map<Binding, Value>;
  modelCalls: ModelCall[];
  /** The first layer built from each constructor call, by syntax node id. */
  builtFrom: Map<number, string>;
  /** Shapes of the inputs the walk created, in order (`keras.Input(shape=...)`). */
  inputShapes: Shape[];
}

/** A fresh flow. */
export function newFlow(dialect: Dialect, scope: Scope, namer: LayerNamer): Flow {
  return {
    dialect,
    scope,
    namer,
    layers: [],
    edges: new Map(),
    values: new Map(),
    bindings: new Map(),
    applied: new Map(),
    modelCalls: [],
    inputShapes: [],
    builtFrom: new Map(),
  };
}

function key(node: Node): string {
  return node.text.replace(/\s+/g, "");
}

/** Adds a layer to the flow with the values that feed it. */
export function addNode(flow: Flow, layer: Layer, inputs: Value[]): void {
  flow.layers.push(layer);
  flow.edges.set(
    layer.id,
    inputs.map((v) => v.producer).filter((p): p is string => p !== null),
  );
}

/** The values an argument holds (a list argument holds several). */
export function inputsOf(flow: Flow, node: Node | null): Value[] {
  if (!node) return [];
  if (node.type === "list" || node.type === "tuple") {
    return childrenOf(node).map((c) => evalValue(flow, c) ?? { shape: null, producer: null });
  }
  const value = evalValue(flow, node);
  return value ? [value] : [{ shape: null, producer: null }];
}

function applyConstructor(
  flow: Flow,
  call: Node,
  inputs: Value[],
  extra: LayerBinding | null,
): Value {
  const scope = extra?.scope ?? flow.scope;
  const built = flow.dialect.build(call, inputs[0]?.shape ?? null, {
    scope,
    namer: flow.namer,
    id: extra?.id,
  });
  if (!built) return { shape: null, producer: inputs[0]?.producer ?? null };
  if (extra?.accessPath) built.layer.accessPath = extra.accessPath;
  // Loops and comprehensions build several layers from one call; findings name it once.
  const first = flow.builtFrom.get(call.id);
  if (first) built.layer.repeatOf = first;
  else flow.builtFrom.set(call.id, built.layer.id);
  if (built.layer.kind === "add" && inputs.length > 1) {
    built.layer.addFrom = inputs[1]!.producer ?? undefined;
  }
  addNode(flow, built.layer, inputs);
  return { shape: built.output, producer: built.layer.id };
}

function applyBinding(flow: Flow, binding: Binding, inputs: Value[]): Value {
  if (binding.kind === "list") {
    // A list bound to an attribute is a Sequential: its layers run one after another.
    let value = inputs[0] ?? { shape: null, producer: null };
    for (const item of binding.items) value = applyBinding(flow, item, [value]);
    return value;
  }
  const seen = flow.applied.get(binding);
  if (seen) return seen;
  const value = applyConstructor(flow, binding.call, inputs, binding);
  flow.applied.set(binding, value);
  return value;
}

function activationNode(flow: Flow, call: Node, fn: Node, args: Node | null): Value | null {
  const activation = flow.dialect.activation(fn);
  if (!activation) return null;
  const input = inputsOf(flow, args)[0]!;
  const c = lastDim(input.shape);
  const id = flow.namer.next(activation.spelled.split(".").pop() ?? "activation");
  const layer: Layer = {
    id,
    name: id,
    kind: "activation",
    op: fn.text,
    inFeatures: c,
    outFeatures: c,
    hasBias: false,
    params: [],
    activation,
    range: rangeOf(call),
  };
  addNode(flow, layer, [input]);
  return { shape: input.shape, producer: id };
}

/** Adds a residual join of two values. */
export function sumNode(flow: Flow, node: Node, left: Value, right: Value): Value {
  const id = flow.namer.next("add");
  const c = lastDim(left.shape) ?? lastDim(right.shape);
  const layer: Layer = {
    id,
    name: id,
    kind: "add",
    op: "+",
    inFeatures: c,
    outFeatures: c,
    hasBias: false,
    params: [],
    range: rangeOf(node),
    addFrom: right.producer ?? undefined,
  };
  addNode(flow, layer, [left, right]);
  return { shape: left.shape ?? right.shape, producer: id };
}

function evalCall(flow: Flow, node: Node): Value | null {
  const parts = readCall(node);
  if (!parts) return null;
  const first = parts.positional[0] ?? null;

  if (
    parts.callee.type === "call" &&
    flow.dialect.isLayerConstructor(parts.callee, flow.scope)
  ) {
    return applyConstructor(flow, parts.callee, inputsOf(flow, first), null);
  }
  const binding = flow.bindings.get(key(parts.callee));
  if (binding) return applyBinding(flow, binding, inputsOf(flow, first));

  const special = flow.dialect.special?.(flow, parts);
  if (special !== undefined) return special;
  const activation = activationNode(flow, node, parts.callee, first);
  if (activation) return activation;

  // An op the analysis does not model: the data still flows through it, shape unknown.
  for (const a of parts.positional) {
    const value = evalValue(flow, a);
    if (value) return { shape: null, producer: value.producer };
  }
  const object =
    parts.callee.type === "attribute" ? parts.callee.childForFieldName("object") : null;
  const through = object ? evalValue(flow, object) : null;
  return through ? { shape: null, producer: through.producer } : null;
}

/** The value an expression computes, or null when it does not involve a tracked value. */
export function evalValue(flow: Flow, node: Node): Value | null {
  switch (node.type) {
    case "identifier":
      return flow.values.get(node.text) ?? null;
    case "parenthesized_expression":
      return node.namedChildren[0] ? evalValue(flow, node.namedChildren[0]) : null;
    case "call":
      return evalCall(flow, node);
    case "binary_operator": {
      const left = evalValue(flow, node.childForFieldName("left")!);
      const right = evalValue(flow, node.childForFieldName("right")!);
      const op = node.childForFieldName("operator")?.text;
      if (left && right && op === "+") return sumNode(flow, node, left, right);
      const value = left ?? right;
      return value ? { shape: value.shape, producer: value.producer } : null;
    }
    case "subscript":
    case "attribute": {
      const object = node.childForFieldName(node.type === "subscript" ? "value" : "object");
      const value = object ? evalValue(flow, object) : null;
      return value ? { shape: null, producer: value.producer } : null;
    }
    default:
      return null;
  }
}

function loopItems(flow: Flow, iter: Node): { binding?: Binding; literal?: Node }[] | null {
  const bound = flow.bindings.get(key(iter));
  if (bound?.kind === "list") return bound.items.map((binding) => ({ binding }));
  if (iter.type === "list" || iter.type === "tuple")
    return childrenOf(iter).map((literal) => ({ literal }));
  const parts = readCall(iter);
  if (parts?.callee.text === "range" && parts.positional.length === 1) {
    const n = evalNumber(parts.positional[0]!, flow.scope);
    if (n !== null && Number.isInteger(n) && n >= 0 && n <= 64)
      return Array.from({ length: n }, () => ({}));
  }
  return null;
}

function runFor(flow: Flow, stmt: Node): void {
  const left = stmt.childForFieldName("left");
  const iter = stmt.childForFieldName("right");
  const body = stmt.childForFieldName("body");
  if (!left || !iter || !body) return;
  // A loop the walk cannot count runs once: depth is underestimated, never invented.
  const items = loopItems(flow, iter) ?? [{}];
  const scope = flow.scope;
  for (const item of items) {
    if (item.binding) flow.bindings.set(left.text, item.binding);
    if (item.literal) flow.scope = new Map(scope).set(left.text, item.literal);
    runStatements(flow, flatStatements(body));
  }
  flow.scope = scope;
  flow.bindings.delete(left.text);
}

function runAssignment(flow: Flow, target: Node, value: Node): void {
  if (target.type !== "identifier") {
    evalValue(flow, value);
    return;
  }
  if (flow.dialect.isLayerConstructor(value, flow.scope)) {
    flow.bindings.set(target.text, { kind: "layer", call: value });
    return;
  }
  const before = flow.modelCalls.length;
  const result = evalValue(flow, value);
  for (const m of flow.modelCalls.slice(before)) m.target ??= target;
  if (result) flow.values.set(target.text, result);
  else flow.values.delete(target.text);
}

/** Runs straight-line statements, unrolling countable `for` loops. */
export function runStatements(flow: Flow, statements: Node[]): void {
  for (const stmt of statements) {
    if (stmt.type === "for_statement") {
      runFor(flow, stmt);
      continue;
    }
    if (stmt.type === "return_statement") {
      const value = stmt.namedChildren[0];
      if (value) evalValue(flow, value);
      continue;
    }
    const assignment = assignmentOf(stmt);
    if (assignment) {
      runAssignment(flow, assignment.target, assignment.value);
      continue;
    }
    const expr = stmt.type === "expression_statement" ? stmt.namedChildren[0] : null;
    if (expr) evalValue(flow, expr);
  }
}

/** The layers whose output reaches any of `outputs`, in flow order. */
export function reaching(flow: Flow, outputs: Value[]): Layer[] {
  const keep = new Set<string>();
  const stack = outputs.map((v) => v.producer).filter((p): p is string => p !== null);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (keep.has(id)) continue;
    keep.add(id);
    stack.push(...(flow.edges.get(id) ?? []));
  }
  return flow.layers.filter((l) => keep.has(l.id));
}
