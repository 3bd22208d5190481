/**
 * The pieces every Keras layer builder uses: the constructor call it reads, the shape flowing
 * into it, and the parameter reader that turns `kernel_initializer=` (or its absence, or Keras
 * 1's `init=`) into the param's Initializer and the file's InitCall.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { Dim, Layer, LayerKind, Param, ParamRole } from "../../../model/types";
import { argument, type CallParts } from "../common/calls";
import { evalBool, evalDim, evalDims, evalString } from "../common/literals";
import { rangeOf } from "../common/ranges";
import type { Shape } from "../common/shapes";
import type { Built } from "../common/flow";
import type { KerasEnv } from "./env";
import { kerasDefault, readKerasInitializer, recordInitCall } from "./initializers";

/** What a layer builder receives. */
export interface BuildInput {
  parts: CallParts;
  className: string;
  id: string;
  /** The shape flowing in, without the batch axis; null when unknown. */
  input: Shape;
  env: KerasEnv;
}

/** A built layer and the shape it hands on. */
export type { Built } from "../common/flow";

/** A layer builder for one family of classes. */
export type Builder = (b: BuildInput) => Built;

/** A keyword or positional argument of the constructor. */
export function arg(b: BuildInput, name: string, index?: number): Node | null {
  return argument(b.parts, name, index);
}

/** An integer argument, or null. */
export function dimArg(b: BuildInput, name: string, index?: number): Dim {
  return evalDim(arg(b, name, index), b.env.scope);
}

/** A string argument, or null (absent or not a literal). */
export function stringArg(b: BuildInput, name: string, index?: number): string | null {
  return evalString(arg(b, name, index), b.env.scope);
}

/** A boolean argument with its Keras default. */
export function boolArg(b: BuildInput, name: string, fallback: boolean): boolean | null {
  const node = arg(b, name);
  return node ? evalBool(node, b.env.scope) : fallback;
}

/** A size tuple argument (`kernel_size=3` or `(3, 3)`), `fallback` copies when absent. */
export function dimsArg(
  b: BuildInput,
  spec: { name: string; index?: number; dims: number; fallback: Dim | null },
): Dim[] {
  const node = arg(b, spec.name, spec.index);
  if (!node) return Array.from({ length: spec.dims }, () => spec.fallback);
  return (
    evalDims(node, b.env.scope, spec.dims) ?? Array.from({ length: spec.dims }, () => null)
  );
}

/**
 * The input shape a layer declares itself (`input_shape=(784,)`, `input_dim=784`), which
 * overrides what flows in from before.
 */
export function declaredInput(b: BuildInput): Shape {
  const shape = arg(b, "input_shape") ?? arg(b, "shape");
  if (shape) return evalDims(shape, b.env.scope);
  const batchShape = arg(b, "batch_input_shape") ?? arg(b, "batch_shape");
  if (batchShape) return evalDims(batchShape, b.env.scope)?.slice(1) ?? null;
  const dim = arg(b, "input_dim");
  if (dim && b.className !== "Embedding") return [evalDim(dim, b.env.scope)];
  return b.input;
}

/** How one parameter's initializer is given. */
export interface ParamSpec {
  role: ParamRole;
  name: string;
  shape: Dim[] | null;
  keyword: string;
  /** The Keras identifier of the default (`glorot_uniform`). */
  fallback: string;
  /** Keras 1's keyword for the same initializer, read when the modern one is absent. */
  legacy?: string;
}

/** Reads one parameter: its initializer as given, Keras 1's spelling, or the default. */
export function param(b: BuildInput, spec: ParamSpec): Param {
  const target = `${b.id}.${spec.name}`;
  const base = {
    role: spec.role,
    name: spec.name,
    shape: spec.shape,
    initKeyword: spec.keyword,
  };
  const modern = b.parts.keywords.get(spec.keyword);
  const legacy = spec.legacy ? b.parts.keywords.get(spec.legacy) : undefined;
  const given = modern ?? legacy;
  const read = given ? readKerasInitializer(given.value, target, b.env) : null;
  if (!given || !read) return { ...base, init: kerasDefault(spec.fallback) };

  if (read.call && !modern && legacy) {
    // Keras 2 and later reject `init=`; the rename keeps the intended initializer.
    read.call.deprecatedFor = spec.keyword;
    read.call.spelled = legacy.name.text;
    read.call.range = rangeOf(legacy.node);
    read.call.calleeRange = rangeOf(legacy.name);
  }
  recordInitCall(b.env, read.call);
  return { ...base, init: read.init };
}

/** A layer record with the fields every builder fills the same way. */
export function layerOf(
  b: BuildInput,
  fields: { kind: LayerKind; inFeatures: Dim; outFeatures: Dim; params?: Param[] },
): Layer {
  const explicitName = stringArg(b, "name");
  return {
    id: b.id,
    name: explicitName ?? b.id,
    kind: fields.kind,
    op: b.parts.callee.text,
    inFeatures: fields.inFeatures,
    outFeatures: fields.outFeatures,
    hasBias: (fields.params ?? []).some((p) => p.role === "bias"),
    params: fields.params ?? [],
    range: rangeOf(b.parts.call),
    call: b.parts.site,
  };
}
