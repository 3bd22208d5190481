/**
 * Model assembly for the TF.js extractor: sequential models that grow with `add`, and the
 * functional graph of symbolic tensors that `tf.model({inputs, outputs})` cuts a model from.
 * Layers get their ids here, in data-flow order, and repeats of one call are linked.
 */
import type { Layer, Model, Range } from "../../model/types";
import type { Shape } from "./layers";

/** A layer before it has an id: everything but id and name. */
export type LayerBody = Omit<Layer, "id" | "name">;

/** A node of the functional graph: a model input (no layer) or one application of a layer. */
export interface GraphNode {
  layer?: LayerBody;
  /** The `name` config property, when given. */
  configName?: string;
  inputs: GraphNode[];
  shape: Shape;
  /** Creation order, which is a topological order of the graph. */
  seq: number;
}

/** A sequential model under construction. */
export interface SequentialModel {
  layers: { body: LayerBody; configName?: string }[];
  /** The shape flowing out of the last layer added. */
  shape: Shape;
  /** The shape the first layer was built for. */
  inputShape?: Shape;
  range: Range;
  nameRange: Range;
  name?: string;
}

function shortOp(op: string): string {
  return op.slice(op.lastIndexOf(".") + 1);
}

function sameStart(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character;
}

/** Gives layers ids (their index) and names, and links repeats of one source call. */
function finishLayers(items: { body: LayerBody; configName?: string }[]): Layer[] {
  const counts = new Map<string, number>();
  const layers: Layer[] = [];
  items.forEach(({ body, configName }, index) => {
    const op = shortOp(body.op);
    const n = (counts.get(op) ?? 0) + 1;
    counts.set(op, n);
    const layer: Layer = {
      ...structuredClone(body),
      id: String(index),
      name: configName ?? `${op}${n}`,
    };
    const first = layers.find((l) => sameStart(l.range, layer.range));
    if (first) layer.repeatOf = first.repeatOf ?? first.id;
    layers.push(layer);
  });
  return layers;
}

function knownShape(shape: Shape | undefined): number[] | undefined {
  if (!shape || shape.some((d) => d === null)) return undefined;
  return shape as number[];
}

/** Identity of the model within the file; repeated names get their line as a suffix. */
export function uniqueId(name: string, range: Range, taken: Set<string>): string {
  const id = taken.has(name) ? `${name}@${range.start.line + 1}` : name;
  taken.add(id);
  return id;
}

/** The finished Model of a sequential under construction; undefined when it has no layers. */
export function sequentialModel(seq: SequentialModel, id: string): Model | undefined {
  if (seq.layers.length === 0) return undefined;
  const model: Model = {
    id,
    name: seq.name ?? id,
    framework: "tfjs",
    range: seq.range,
    nameRange: seq.nameRange,
    layers: finishLayers(seq.layers),
    orderFromDataFlow: true,
  };
  const inputShape = knownShape(seq.inputShape);
  if (inputShape) model.inputShape = inputShape;
  return model;
}

function ancestors(outputs: GraphNode[]): GraphNode[] {
  const seen = new Set<GraphNode>();
  const stack = [...outputs];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    stack.push(...node.inputs);
  }
  return [...seen].sort((a, b) => a.seq - b.seq);
}

/** The Model that `tf.model({inputs, outputs})` cuts from the graph. */
export function functionalModel(input: {
  id: string;
  name: string;
  outputs: GraphNode[];
  range: Range;
  nameRange: Range;
}): Model | undefined {
  const nodes = ancestors(input.outputs);
  const withLayers = nodes.filter((n) => n.layer);
  if (withLayers.length === 0) return undefined;

  const layers = finishLayers(
    withLayers.map((n) => ({ body: n.layer!, configName: n.configName })),
  );
  const idOf = new Map(withLayers.map((n, i) => [n, layers[i]!.id]));
  withLayers.forEach((node, i) => {
    if (layers[i]!.kind !== "add") return;
    // The earliest input of a join is the skip connection's origin.
    const origin = [...node.inputs].sort((a, b) => a.seq - b.seq)[0];
    const from = origin ? idOf.get(origin) : undefined;
    if (from !== undefined) layers[i]!.addFrom = from;
  });

  const model: Model = {
    id: input.id,
    name: input.name,
    framework: "tfjs",
    range: input.range,
    nameRange: input.nameRange,
    layers,
    orderFromDataFlow: true,
  };
  const inputShape = knownShape(nodes.find((n) => !n.layer)?.shape);
  if (inputShape) model.inputShape = inputShape;
  return model;
}
