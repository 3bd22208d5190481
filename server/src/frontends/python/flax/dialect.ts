/**
 * What Flax calls mean to the data-flow walk: linen and nnx layer classes construct layers,
 * `nn.relu(x)` and `jax.nn.gelu(x)` are activations, `nn.avg_pool` / `nn.max_pool` pool, and
 * `x.reshape((x.shape[0], -1))` flattens, so the Dense after it learns its input width.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { Layer } from "../../../model/types";
import { activationByName } from "../common/activations";
import type { CallParts } from "../common/calls";
import { addNode, type Dialect, type Flow, inputsOf, type Value } from "../common/flow";
import { evalDims, evalNumber, evalString } from "../common/literals";
import { rangeOf } from "../common/ranges";
import {
  flattened,
  lastDim,
  paddingOf,
  spatialOf,
  windowOutput,
  withLast,
} from "../common/shapes";
import { buildFlaxLayer, type FlaxEnv, flaxLayerClass } from "./layers";
import { flaxName } from "./names";

function shapeNode(
  flow: Flow,
  parts: CallParts,
  kind: Layer["kind"],
  output: Value["shape"],
  input: Value,
): Value {
  const id = flow.namer.next(parts.callee.text.split(".").pop() ?? kind);
  const layer: Layer = {
    id,
    name: id,
    kind,
    op: parts.callee.text,
    inFeatures: lastDim(input.shape),
    outFeatures: lastDim(output),
    hasBias: false,
    params: [],
    range: rangeOf(parts.call),
  };
  addNode(flow, layer, [input]);
  return { shape: output, producer: id };
}

function pool(flow: Flow, parts: CallParts): Value | null {
  const input = inputsOf(flow, parts.positional[0] ?? null)[0]!;
  const window = evalDims(
    parts.keywords.get("window_shape")?.value ?? parts.positional[1] ?? null,
    flow.scope,
  );
  if (!window) return shapeNode(flow, parts, "pooling", null, input);
  const stridesNode = parts.keywords.get("strides")?.value ?? parts.positional[2] ?? null;
  const strides = stridesNode ? (evalDims(stridesNode, flow.scope) ?? []) : window.map(() => 1);
  const paddingNode = parts.keywords.get("padding")?.value ?? parts.positional[3] ?? null;
  const padding = paddingOf(
    paddingNode ? (evalString(paddingNode, flow.scope) ?? "?") : null,
    "valid",
  );
  const spatial = spatialOf(input.shape, window.length);
  const out = windowOutput({ spatial, dims: window.length, window, strides, padding });
  const c = lastDim(input.shape);
  return shapeNode(
    flow,
    parts,
    "pooling",
    spatial ? [...out, c] : withLast(input.shape, c),
    input,
  );
}

/** `x.reshape((x.shape[0], -1))`, `jnp.reshape(x, (batch, -1))`: a flatten when it keeps only batch. */
function reshape(flow: Flow, parts: CallParts, input: Value, target: Node | null): Value {
  const dims =
    target && (target.type === "tuple" || target.type === "list")
      ? target.namedChildren
      : parts.positional;
  const last = dims[dims.length - 1] ?? null;
  const flattens = dims.length === 2 && evalNumber(last, flow.scope) === -1;
  if (!flattens) return shapeNode(flow, parts, "other", null, input);
  return shapeNode(flow, parts, "flatten", [flattened(input.shape)], input);
}

function special(env: FlaxEnv, flow: Flow, parts: CallParts): Value | null | undefined {
  const name = flaxName(parts.callee, env.imports);
  if (name?.kind === "linen" || name?.kind === "nnx" || name?.kind === "function") {
    if (name.member === "avg_pool" || name.member === "max_pool") return pool(flow, parts);
    if (name.member === "reshape") {
      const input = inputsOf(flow, parts.positional[0] ?? null)[0]!;
      return reshape(
        flow,
        { ...parts, positional: parts.positional.slice(1) },
        input,
        parts.positional[1] ?? null,
      );
    }
  }
  const callee = parts.callee;
  if (
    callee.type === "attribute" &&
    callee.childForFieldName("attribute")?.text === "reshape"
  ) {
    const object = callee.childForFieldName("object");
    const input = object ? inputsOf(flow, object)[0]! : null;
    if (input?.producer !== undefined) {
      const single = parts.positional.length === 1 ? parts.positional[0]! : null;
      return reshape(flow, parts, input, single);
    }
  }
  return undefined;
}

/** The Flax dialect for one file. */
export function flaxDialect(env: FlaxEnv): Dialect {
  return {
    isLayerConstructor: (call) => flaxLayerClass(call, env.imports) !== null,
    build: (call, input, opts) => buildFlaxLayer(call, input, { env, ...opts }),
    activation: (fn) => {
      const name = flaxName(fn, env.imports);
      if (name?.kind !== "function" && name?.kind !== "linen" && name?.kind !== "nnx")
        return null;
      const canonical = activationByName(name.member);
      if (!canonical) return null;
      const activation = { name: canonical, spelled: fn.text, range: rangeOf(fn) };
      // JAX's leaky_relu slope defaults to 0.01, its elu alpha to 1.
      return canonical === "leaky_relu" ? { ...activation, slope: 0.01 } : activation;
    },
    special: (flow, parts) => special(env, flow, parts),
  };
}
