/**
 * Builds model descriptions by hand for rule tests, so rules can be tested on exactly the
 * structure a front end would report, with ranges pointing into a real source text.
 */
import type {
  Activation,
  ActivationName,
  FileDescription,
  Framework,
  InitArgs,
  InitFamily,
  Initializer,
  Layer,
  Model,
  Range,
} from "../../server/src/model/types";
import { defaultConfig } from "../../server/src/config/effective";
import { frameworkDefault } from "../../server/src/knowledge/defaults";
import type { Finding, Rule, RuleOptions } from "../../server/src/rules/types";

/** The range of the `nth` occurrence of `needle` in `text` (0-based lines and columns). */
export function rangeOf(text: string, needle: string, nth = 0): Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not in text`);
  }
  const pos = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split("\n").length - 1;
    return { line, character: offset - (before.lastIndexOf("\n") + 1) };
  };
  return { start: pos(at), end: pos(at + needle.length) };
}

/** A placeholder range on a line, for descriptions that need no text. */
export function lineRange(line: number): Range {
  return { start: { line, character: 4 }, end: { line, character: 20 } };
}

/** An explicit initializer. */
export function init(
  family: InitFamily,
  args: InitArgs = {},
  extra: Partial<Initializer> & { framework?: Framework } = {},
): Initializer {
  return { family, framework: extra.framework ?? "pytorch", args, origin: "call", ...extra };
}

/** An activation node. */
export function act(id: string, name: ActivationName, range?: Range): Layer {
  const activation: Activation = { name, spelled: name, ...(range ? { range } : {}) };
  return {
    id,
    name: id,
    kind: "activation",
    op: name,
    inFeatures: null,
    outFeatures: null,
    hasBias: false,
    params: [],
    activation,
    range: range ?? lineRange(0),
  };
}

/** A norm layer. */
export function norm(id: string, kind: Layer["norm"] = "batch"): Layer {
  return {
    id,
    name: id,
    kind: "norm",
    norm: kind,
    op: "nn.BatchNorm1d",
    inFeatures: null,
    outFeatures: null,
    hasBias: true,
    params: [],
    range: lineRange(0),
  };
}

/** Options of a linear layer. */
export interface LinearOptions {
  framework?: Framework;
  weight?: Initializer;
  bias?: Initializer | null;
  fused?: ActivationName;
  range?: Range;
  extra?: Partial<Layer>;
}

/** A linear layer with the framework's defaults unless told otherwise. */
export function linear(
  id: string,
  inF: number | null,
  outF: number | null,
  o: LinearOptions = {},
) {
  const fw = o.framework ?? "pytorch";
  const layer: Layer = {
    id,
    name: id,
    kind: "linear",
    op: "nn.Linear",
    inFeatures: inF,
    outFeatures: outF,
    hasBias: o.bias !== null,
    params: [],
    range: o.range ?? lineRange(0),
    ...(o.fused ? { fusedActivation: { name: o.fused, spelled: o.fused } } : {}),
    ...o.extra,
  };
  const shape = fw === "pytorch" ? [outF, inF] : [inF, outF];
  const weight = o.weight ?? frameworkDefault(fw, layer, "weight");
  layer.params.push({ role: "weight", name: "weight", shape, init: weight });
  if (o.bias !== null) {
    const bias = o.bias ?? frameworkDefault(fw, layer, "bias");
    layer.params.push({ role: "bias", name: "bias", shape: [outF], init: bias });
  }
  return layer;
}

/** A model in data-flow order. */
export function model(layers: Layer[], framework: Framework = "pytorch", id = "Net"): Model {
  return {
    id,
    name: id,
    framework,
    range: lineRange(0),
    nameRange: lineRange(0),
    layers,
    orderFromDataFlow: true,
  };
}

/** `n` square linear layers each followed by an activation, then a linear head. */
export function mlp(
  n: number,
  width: number,
  o: LinearOptions & { act?: ActivationName } = {},
) {
  const layers: Layer[] = [];
  for (let i = 0; i < n; i++) {
    layers.push(linear(`fc${i}`, width, width, o));
    layers.push(act(`act${i}`, o.act ?? "relu"));
  }
  layers.push(linear("head", width, 10, { ...o, weight: undefined }));
  return layers;
}

/** A file description holding the models. */
export function file(models: Model[], extra: Partial<FileDescription> = {}): FileDescription {
  return {
    uri: "file:///model.py",
    language: "python",
    frameworks: [...new Set(models.map((m) => m.framework))],
    models,
    initCalls: [],
    gainCalls: [],
    facts: {},
    notes: [],
    syntaxErrors: [],
    ...extra,
  };
}

/** Runs a rule on a description. */
export function run(
  rule: Rule,
  f: FileDescription,
  text = "",
  options: Partial<RuleOptions> = {},
): Finding[] {
  return rule.check({ file: f, text, options: { ...defaultConfig().options, ...options } });
}
