/**
 * What Keras calls mean to the data-flow walk: layer classes construct layers, `keras.Input`
 * starts a value with a shape, `keras.Model(inputs, outputs)` closes a functional model, and
 * `layers.add([a, b])` is a residual join.
 */
import type { Dialect } from "../common/flow";
import { inputsOf, sumNode } from "../common/flow";
import { evalDims } from "../common/literals";
import { activationFunction } from "./activations";
import type { KerasEnv } from "./env";
import { buildLayer, layerClassOfCall } from "./layers";
import { isInput, isModelClass, kerasName } from "./names";

/** The Keras dialect for one file. */
export function kerasDialect(env: KerasEnv): Dialect {
  return {
    isLayerConstructor: (call, scope) => layerClassOfCall(call, { ...env, scope }) !== null,
    build: (call, input, opts) =>
      buildLayer(call, input, {
        env: { ...env, scope: opts.scope },
        namer: opts.namer,
        id: opts.id,
      }),
    activation: (fn) => {
      const activation = activationFunction(fn, env);
      if (activation?.name === "leaky_relu") activation.slope = 0.2;
      return activation;
    },
    special: (flow, parts) => {
      const name = kerasName(parts.callee, env.imports);
      const first = parts.positional[0] ?? null;
      if (isInput(name)) {
        const shape = parts.keywords.get("shape")?.value ?? first;
        const dims = shape ? evalDims(shape, flow.scope) : null;
        flow.inputShapes.push(dims);
        return { shape: dims, producer: null };
      }
      if (isModelClass(name)) {
        const outputs = parts.keywords.get("outputs")?.value ?? parts.positional[1] ?? null;
        flow.modelCalls.push({
          call: parts.call,
          outputs: outputs ? inputsOf(flow, outputs) : [],
          target: null,
        });
        return null;
      }
      if (name === "keras.layers.add" && first) {
        const [a, b] = inputsOf(flow, first);
        if (a && b) return sumNode(flow, parts.call, a, b);
      }
      return undefined;
    },
  };
}
