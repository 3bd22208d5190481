/**
 * Builds model descriptions by hand for the probe's tests, the way a front end would fill
 * them in: layers with their parameters, initializers and activations, one per source line.
 */
import type {
  Activation,
  ActivationName,
  Framework,
  InitArgs,
  InitFamily,
  Initializer,
  Layer,
  LayerKind,
  Model,
  Param,
} from "../../server/src/model/types";

function range(line: number) {
  return { start: { line, character: 4 }, end: { line, character: 40 } };
}

/** An initializer as a front end writes it. */
export function init(
  family: InitFamily,
  args: InitArgs = {},
  framework: Framework = "pytorch",
): Initializer {
  return { family, framework, args, origin: family.startsWith("torch_") ? "default" : "call" };
}

/** An activation name as a front end writes it. */
export function act(name: ActivationName, extra: Partial<Activation> = {}): Activation {
  return { name, spelled: name, ...extra };
}

/** Options of one hand-built layer. */
export interface LayerSpec {
  kind: LayerKind;
  in?: number | null;
  out?: number | null;
  weight?: Initializer;
  bias?: Initializer | null;
  activation?: ActivationName;
  slope?: number;
  extra?: Partial<Layer>;
}

/** Builds a model whose layers sit on consecutive lines from line 10 on. */
export function model(
  name: string,
  framework: Framework,
  specs: LayerSpec[],
  inputShape?: number[],
): Model {
  const layers: Layer[] = [];
  specs.forEach((spec, i) => {
    const line = 10 + i;
    const params: Param[] = [];
    const dense = spec.kind === "linear" || spec.kind === "conv";
    const k = (spec.extra?.kernelSize ?? []).map((d) => d ?? 1);
    const dims = spec.extra?.spatialDims ?? k.length;
    const kernel =
      spec.kind === "conv" ? Array.from({ length: dims }, (_, j) => k[j] ?? k[0] ?? 1) : [];
    const torch = framework === "pytorch";
    const shape =
      spec.in && spec.out
        ? torch
          ? [spec.out, spec.in, ...kernel]
          : [...kernel, spec.in, spec.out]
        : null;
    // Like a front end, a PyTorch layer without an init call gets its default as a parameter.
    const weight = spec.weight ?? (dense && torch ? init("torch_default") : undefined);
    const bias =
      spec.bias === undefined && dense && torch ? init("torch_default_bias") : spec.bias;
    if (weight) params.push({ role: "weight", name: "weight", shape, init: weight });
    if (bias)
      params.push({
        role: "bias",
        name: "bias",
        shape: spec.out ? [spec.out] : null,
        init: bias,
      });
    const activation = spec.activation
      ? act(spec.activation, spec.slope !== undefined ? { slope: spec.slope } : {})
      : undefined;
    const id = spec.kind === "activation" ? `act${i}` : `l${i}`;
    layers.push({
      id,
      name: id,
      kind: spec.kind,
      op: spec.kind,
      inFeatures: spec.in ?? null,
      outFeatures: spec.out ?? null,
      hasBias: spec.bias !== null && spec.kind !== "activation",
      params,
      range: range(line),
      ...(spec.kind === "activation" && activation ? { activation } : {}),
      ...spec.extra,
    });
  });
  return {
    id: name,
    name,
    framework,
    range: { start: { line: 8, character: 0 }, end: { line: 10 + specs.length, character: 0 } },
    nameRange: range(8),
    layers,
    orderFromDataFlow: true,
    ...(inputShape ? { inputShape } : {}),
  };
}

/** A `depth`-layer MLP of width `width`, each Linear followed by an activation node. */
export function mlp(input: {
  name: string;
  depth: number;
  width: number;
  activation: ActivationName;
  weight?: (i: number) => Initializer | undefined;
  bias?: Initializer | null;
  framework?: Framework;
}): Model {
  const specs: LayerSpec[] = [];
  for (let i = 0; i < input.depth; i++) {
    const spec: LayerSpec = { kind: "linear", in: input.width, out: input.width };
    const w = input.weight?.(i);
    if (w) spec.weight = w;
    if (input.bias !== undefined) spec.bias = input.bias;
    specs.push(spec, { kind: "activation", activation: input.activation });
  }
  return model(input.name, input.framework ?? "pytorch", specs);
}
