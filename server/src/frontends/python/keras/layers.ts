/**
 * Keras layer construction: picks the builder for a `keras.layers.*` class and turns one
 * constructor call into a Layer with its params, initializers and the shape it hands on.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import { readCall } from "../common/calls";
import type { Shape } from "../common/shapes";
import type { Builder, Built } from "./build";
import { evalString } from "../common/literals";
import type { KerasEnv } from "./env";
import { type LayerNamer, snakeName } from "../common/naming";
import { kerasName, layerClassOf } from "./names";
import { bidirectional, recurrent, recurrentClasses } from "./recurrent";
import {
  activation,
  activationClasses,
  dropout,
  flatten,
  merge,
  norm,
  normClasses,
  other,
  pooling,
  reshape,
} from "./shaping";
import { conv, dense, depthwise, embedding, separable } from "./weighted";

function builderFor(className: string): Builder {
  if (className === "Dense") return dense;
  if (/^(Conv[123]D|Convolution[123]D)(Transpose)?$/.test(className)) return conv;
  if (/^Conv[123]DTranspose$|^Deconvolution[23]D$/.test(className)) return conv;
  if (/^DepthwiseConv[12]D$/.test(className)) return depthwise;
  if (/^SeparableConv(olution)?[12]D$/.test(className)) return separable;
  if (className === "Embedding") return embedding;
  if (recurrentClasses.includes(className) || /^CuDNN(LSTM|GRU)$/.test(className))
    return recurrent;
  if (className === "Bidirectional") return bidirectional;
  if (normClasses.includes(className)) return norm;
  if (activationClasses.includes(className)) return activation;
  if (/Dropout$|^Gaussian(Noise|Dropout)$/.test(className)) return dropout;
  if (className === "Flatten") return flatten;
  if (/Pooling[123]D$/.test(className)) return pooling;
  if (className === "Reshape") return reshape;
  if (
    ["Add", "Concatenate", "Average", "Maximum", "Minimum", "Multiply", "Subtract"].includes(
      className,
    )
  )
    return merge;
  return other;
}

/** The Keras layer class a call constructs (`layers.Dense(64)` -> `Dense`), or null. */
export function layerClassOfCall(call: Node | null, env: KerasEnv): string | null {
  const parts = readCall(call);
  const name = parts ? layerClassOf(kerasName(parts.callee, env.imports)) : null;
  return name === "Input" || name === "InputLayer" ? null : name;
}

/**
 * Builds the layer a constructor call makes, given the shape flowing in; null when the call
 * is not a Keras layer class.
 */
export function buildLayer(
  call: Node,
  input: Shape,
  opts: { env: KerasEnv; namer: LayerNamer; id?: string },
): Built | null {
  const parts = readCall(call);
  if (!parts) return null;
  const className = layerClassOf(kerasName(parts.callee, opts.env.imports));
  if (!className || className === "Input" || className === "InputLayer") return null;
  const id =
    opts.id ??
    opts.namer.next(
      snakeName(className),
      evalString(parts.keywords.get("name")?.value ?? null, opts.env.scope),
    );
  return builderFor(className)({ parts, className, id, input, env: opts.env });
}
