/**
 * Hand-built layers and models for rule tests that need a description the front end would
 * produce (recurrent layers, fixed-scale inits, parameter counts), kept small and explicit.
 */
import type {
  Framework,
  Initializer,
  Layer,
  LayerKind,
  Model,
  Param,
  ParamRole,
} from "../../server/src/model/types";

const at = (line: number, character = 8) => ({
  start: { line, character },
  end: { line, character: character + 20 },
});

/** An initializer of a family, explicit unless the origin says otherwise. */
export function init(
  family: Initializer["family"],
  framework: Framework = "pytorch",
  extra: Partial<Initializer> = {},
): Initializer {
  return { family, framework, args: {}, origin: "call", ...extra };
}

/** A parameter with its role, shape and init. */
export function param(role: ParamRole, name: string, shape: number[], i: Initializer): Param {
  return { role, name, shape, init: i };
}

/** A layer of a kind on a source line, with its parameters. */
export function layer(kind: LayerKind, line: number, extra: Partial<Layer> = {}): Layer {
  return {
    id: `${kind}${line}`,
    name: `${kind}${line}`,
    kind,
    op: kind,
    inFeatures: null,
    outFeatures: null,
    hasBias: true,
    params: [],
    range: at(line),
    call: { range: at(line, 19), argsRange: at(line, 27), keywords: {} },
    ...extra,
  };
}

/** A model of these layers in data-flow order. */
export function model(name: string, layers: Layer[], framework: Framework = "pytorch"): Model {
  return {
    id: name,
    name,
    framework,
    range: at(0, 0),
    nameRange: at(0, 6),
    layers,
    orderFromDataFlow: true,
  };
}

/** A PyTorch LSTM (4H x in, 4H x H) with every parameter on the given init. */
export function torchLstm(line: number, hidden: number, i: Initializer): Layer {
  return layer("lstm", line, {
    hiddenSize: hidden,
    inFeatures: hidden,
    outFeatures: hidden,
    accessPath: "self.rnn",
    insertInitAt: { position: { line: line + 1, character: 0 }, indent: "        " },
    params: [
      param("weight", "weight_ih_l0", [4 * hidden, hidden], i),
      param("recurrentWeight", "weight_hh_l0", [4 * hidden, hidden], i),
      param("bias", "bias_ih_l0", [4 * hidden], i),
      param("recurrentBias", "bias_hh_l0", [4 * hidden], i),
    ],
  });
}
