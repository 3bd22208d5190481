/**
 * Builders for Keras's recurrent layers (SimpleRNN, LSTM, GRU) and the Bidirectional wrapper.
 * Keras defaults: glorot_uniform input kernels, orthogonal recurrent kernels, zero biases and,
 * for LSTM, `unit_forget_bias=True`; kernels are `(in, gates*units)` and `(units, gates*units)`.
 */
import type { Dim, LayerKind, Param } from "../../../model/types";
import { readCall } from "../common/calls";
import { rangeOf } from "../common/ranges";
import { lastDim, withLast } from "../common/shapes";
import { activationValue } from "./activations";
import {
  arg,
  boolArg,
  type Builder,
  declaredInput,
  dimArg,
  layerOf,
  param,
  stringArg,
} from "./build";
import { kerasName, layerClassOf } from "./names";

const gates: Record<string, { kind: LayerKind; gates: number }> = {
  SimpleRNN: { kind: "rnn", gates: 1 },
  LSTM: { kind: "lstm", gates: 4 },
  GRU: { kind: "gru", gates: 3 },
};

/** The classes this module builds directly. */
export const recurrentClasses = Object.keys(gates);

function times(a: Dim, k: number): Dim {
  return a === null ? null : a * k;
}

/** `SimpleRNN/LSTM/GRU(units)`. */
export const recurrent: Builder = (b) => {
  const spec = gates[b.className.replace(/^CuDNN/, "")] ?? gates.SimpleRNN!;
  const input = declaredInput(b);
  const inF = lastDim(input);
  const units = dimArg(b, "units", 0) ?? dimArg(b, "output_dim");
  const width = times(units, spec.gates);
  const params: Param[] = [
    param(b, {
      role: "weight",
      name: "kernel",
      shape: [inF, width],
      keyword: "kernel_initializer",
      fallback: "glorot_uniform",
      legacy: "init",
    }),
    param(b, {
      role: "recurrentWeight",
      name: "recurrent_kernel",
      shape: [units, width],
      keyword: "recurrent_initializer",
      fallback: "orthogonal",
      legacy: "inner_init",
    }),
  ];
  if (boolArg(b, "use_bias", true) !== false) {
    // GRU's default `reset_after=True` keeps separate input and recurrent biases.
    const resetAfter = spec.kind === "gru" && boolArg(b, "reset_after", true) !== false;
    const shape = resetAfter ? [2, width] : [width];
    params.push(
      param(b, {
        role: "bias",
        name: "bias",
        shape,
        keyword: "bias_initializer",
        fallback: "zeros",
      }),
    );
  }
  const layer = layerOf(b, { kind: spec.kind, inFeatures: inF, outFeatures: units, params });
  layer.hiddenSize = units;
  layer.numLayers = 1;
  layer.bidirectional = false;
  if (spec.kind === "lstm")
    layer.unitForgetBias = boolArg(b, "unit_forget_bias", true) ?? undefined;
  const activation = activationValue(arg(b, "activation", 1), b.env);
  layer.fusedActivation = activation ?? { name: "tanh", spelled: "tanh" };
  if (arg(b, "activation", 1) && !activation)
    layer.fusedActivation = { name: "linear", spelled: "None" };

  const sequences = boolArg(b, "return_sequences", false);
  const output = sequences === false ? [units] : sequences ? withLast(input, units) : null;
  return { layer, output };
};

/** `Bidirectional(LSTM(64))`: the wrapped layer's call carries the initializers. */
export const bidirectional: Builder = (b) => {
  const innerCall = readCall(arg(b, "layer", 0));
  const innerClass = innerCall
    ? layerClassOf(kerasName(innerCall.callee, b.env.imports))
    : null;
  if (!innerCall || !innerClass || !recurrentClasses.includes(innerClass)) {
    return {
      layer: layerOf(b, { kind: "other", inFeatures: lastDim(b.input), outFeatures: null }),
      output: null,
    };
  }
  const inner = recurrent({
    ...b,
    input: declaredInput(b),
    parts: innerCall,
    className: innerClass,
  });
  const merge = arg(b, "merge_mode", 1) ? stringArg(b, "merge_mode", 1) : "concat";
  const units = inner.layer.outFeatures;
  const layer = { ...inner.layer, bidirectional: true, range: rangeOf(b.parts.call) };
  layer.outFeatures = merge === "concat" ? times(units, 2) : null;
  layer.op = `${b.parts.callee.text}(${innerCall.callee.text})`;
  const output = inner.output ? withLast(inner.output, layer.outFeatures) : null;
  return { layer, output };
};
