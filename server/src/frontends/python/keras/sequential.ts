/**
 * Keras Sequential models: `Sequential([...])` with an optional leading `Input`, and
 * `model = Sequential(); model.add(Dense(...))` in the same block. An initializer keyword given
 * to `add()` instead of the layer is recorded as misplaced (Keras rejects it; the layer keeps
 * its default).
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { Layer, Model } from "../../../model/types";
import { argument, type CallParts, readCall } from "../common/calls";
import { evalDims, evalNumber, evalString, type Scope } from "../common/literals";
import { rangeOf } from "../common/ranges";
import type { Shape } from "../common/shapes";
import { childrenOf } from "../common/syntax";
import type { KerasEnv } from "./env";
import { readKerasInitializer, recordInitCall } from "./initializers";
import { buildLayer } from "./layers";
import { LayerNamer } from "../common/naming";
import { isInput, kerasName, layerClassOf } from "./names";
import { enclosingBlock, scopeAt } from "./scope";

interface Walk {
  env: KerasEnv;
  namer: LayerNamer;
  shape: Shape;
  layers: Layer[];
  inputShape: Shape;
  /** The first layer built from each call, so layers added in a loop point back to it. */
  builtFrom: Map<number, string>;
}

function addItem(walk: Walk, item: Node): Layer | null {
  const parts = readCall(item);
  if (!parts) {
    walk.shape = null;
    return null;
  }
  const name = kerasName(parts.callee, walk.env.imports);
  if (isInput(name) || layerClassOf(name) === "InputLayer") {
    const shape = argument(parts, "shape", 0) ?? argument(parts, "input_shape");
    walk.shape = shape ? evalDims(shape, walk.env.scope) : null;
    walk.inputShape ??= walk.shape;
    return null;
  }
  const built = buildLayer(item, walk.shape, { env: walk.env, namer: walk.namer });
  if (!built) {
    walk.shape = null;
    return null;
  }
  const declared = parts.keywords.get("input_shape")?.value;
  if (walk.layers.length === 0 && declared)
    walk.inputShape ??= evalDims(declared, walk.env.scope);
  const first = walk.builtFrom.get(item.id);
  if (first) built.layer.repeatOf = first;
  else walk.builtFrom.set(item.id, built.layer.id);
  walk.layers.push(built.layer);
  walk.shape = built.output;
  return built.layer;
}

function isAddCall(parts: CallParts, target: string): boolean {
  const callee = parts.callee;
  if (callee.type !== "attribute" || callee.childForFieldName("attribute")?.text !== "add")
    return false;
  return callee.childForFieldName("object")?.text.replace(/\s+/g, "") === target;
}

const misplacedParam: Record<string, string> = {
  init: "kernel",
  recurrent_initializer: "recurrent_kernel",
  embeddings_initializer: "embeddings",
};

function misplacedKeywords(
  walk: Walk,
  parts: CallParts,
  layer: Layer | null,
  modelId: string,
): void {
  for (const [name, kw] of parts.keywords) {
    if (!name.endsWith("_initializer") && name !== "init") continue;
    const param = misplacedParam[name] ?? name.replace(/_initializer$/, "");
    const read = readKerasInitializer(kw.value, `${layer?.id ?? "layer"}.${param}`, walk.env);
    if (read?.call) {
      read.call.misplaced = true;
      read.call.range = rangeOf(kw.node);
      read.call.calleeRange = rangeOf(kw.name);
      recordInitCall(walk.env, read.call);
    }
    walk.env.misplaced.push({
      keyword: name,
      range: rangeOf(kw.node),
      valueRange: rangeOf(kw.value),
      addCallRange: rangeOf(parts.call),
      layerArgsRange: layer?.call?.argsRange,
      layerId: layer?.id,
      modelId,
    });
  }
}

/** How many times a statement runs: the product of the countable `for` loops around it. */
function repeats(node: Node, block: Node, scope: Scope): number {
  let count = 1;
  for (let p = node.parent; p && p.id !== block.id; p = p.parent) {
    if (p.type !== "for_statement") continue;
    const iter = readCall(p.childForFieldName("right"));
    const n =
      iter?.callee.text === "range" ? evalNumber(iter.positional[0] ?? null, scope) : null;
    // A loop the reader cannot count runs once: depth is underestimated, never invented.
    if (n !== null && Number.isInteger(n) && n >= 0 && n <= 64) count *= n;
  }
  return count;
}

function addCalls(block: Node, after: Node, target: string, scope: Scope): CallParts[] {
  const calls = childrenOf(block)
    .flatMap((n) => n.descendantsOfType("call"))
    .filter((n): n is Node => n !== null && n.startIndex > after.endIndex);
  return calls
    .map(readCall)
    .filter((p): p is CallParts => p !== null && isAddCall(p, target))
    .flatMap((p) => Array.from({ length: repeats(p.call, block, scope) }, () => p));
}

/** Reads one `Sequential(...)` call and the `add()` calls on the variable it is assigned to. */
export function sequentialModel(
  call: Node,
  opts: { env: KerasEnv; module: Scope },
): Model | null {
  const parts = readCall(call);
  if (!parts) return null;
  const env: KerasEnv = { ...opts.env, scope: scopeAt(call, opts.module) };
  const walk: Walk = {
    env,
    namer: new LayerNamer(),
    builtFrom: new Map(),
    shape: null,
    layers: [],
    inputShape: null,
  };
  const parent = call.parent;
  const target =
    parent?.type === "assignment" && parent.childForFieldName("right")?.id === call.id
      ? parent.childForFieldName("left")
      : null;
  const targetText = target?.text.replace(/\s+/g, "") ?? null;
  const id = targetText?.replace(/^self\./, "") ?? "sequential";

  const list = argument(parts, "layers", 0);
  if (list && (list.type === "list" || list.type === "tuple")) {
    for (const item of childrenOf(list)) addItem(walk, item);
  }
  if (targetText) {
    for (const add of addCalls(enclosingBlock(call), call, targetText, env.scope)) {
      const item = add.positional[0];
      const layer = item ? addItem(walk, item) : null;
      misplacedKeywords(walk, add, layer, id);
    }
  }

  const model: Model = {
    id,
    name: evalString(parts.keywords.get("name")?.value ?? null, env.scope) ?? id,
    framework: "keras",
    range: rangeOf(call),
    nameRange: rangeOf(target ?? parts.callee),
    layers: walk.layers,
    orderFromDataFlow: true,
  };
  const input = walk.inputShape;
  if (input && input.every((d) => d !== null)) model.inputShape = input as number[];
  return model;
}
