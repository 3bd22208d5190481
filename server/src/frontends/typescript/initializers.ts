/**
 * TensorFlow.js initializers: the identifiers `getInitializer` accepts, their canonical
 * families in the realised semantics of tfjs-layers 4.x, the defaults of each layer argument,
 * and did-you-mean suggestions for spellings TF.js rejects (Keras snake_case, typos).
 *
 * Facts, from tfjs-layers src/initializers.ts: the normal-distribution variance-scaling
 * initializers sample a truncated normal without the std correction Keras applies (realised
 * variance about 0.774 of nominal, tensorflow/tfjs#8594), so they are recorded with
 * `distribution: "truncated_normal"` for the knowledge core to scale; `varianceScaling`'s
 * `distribution: "truncatedNormal"` falls through to the uniform branch; RandomUniform,
 * RandomNormal and TruncatedNormal replace falsy arguments (`minval: 0`) by their defaults.
 */
import type { InitArgs, InitFamily, Initializer } from "../../model/types";

/** Canonical family and fixed arguments of one TF.js identifier. */
interface Known {
  family: InitFamily;
  args: InitArgs;
}

const truncated: InitArgs = { distribution: "truncated_normal" };

/** camelCase identifiers (INITIALIZER_IDENTIFIER_REGISTRY_SYMBOL_MAP keys). */
const identifiers: Record<string, Known> = {
  constant: { family: "constant", args: {} },
  glorotNormal: { family: "xavier_normal", args: truncated },
  glorotUniform: { family: "xavier_uniform", args: {} },
  heNormal: { family: "kaiming_normal", args: truncated },
  heUniform: { family: "kaiming_uniform", args: {} },
  identity: { family: "identity", args: { gain: 1 } },
  leCunNormal: { family: "lecun_normal", args: truncated },
  leCunUniform: { family: "lecun_uniform", args: {} },
  ones: { family: "ones", args: {} },
  orthogonal: { family: "orthogonal", args: { gain: 1 } },
  randomNormal: { family: "normal", args: { mean: 0, std: 0.05 } },
  randomUniform: { family: "uniform", args: { low: -0.05, high: 0.05 } },
  truncatedNormal: { family: "trunc_normal", args: { mean: 0, std: 0.05 } },
  varianceScaling: {
    family: "variance_scaling",
    args: { ...truncated, scale: 1, mode: "fan_in" },
  },
  zeros: { family: "zeros", args: {} },
};

/** The registered class names are accepted too (`"HeNormal"`). */
function byClassName(name: string): Known | undefined {
  const camel = name.charAt(0).toLowerCase() + name.slice(1);
  const isClassName = name.charAt(0) !== camel.charAt(0);
  return isClassName ? identifiers[camel] : undefined;
}

/** Looks a TF.js identifier or class name up; undefined when TF.js would reject it. */
export function knownInitializer(name: string): Known | undefined {
  return Object.hasOwn(identifiers, name) ? identifiers[name] : byClassName(name);
}

/** Spellings from other frameworks, mapped to the TF.js identifier meaning the same thing. */
const foreign: Record<string, string> = {
  glorot_normal: "glorotNormal",
  glorot_uniform: "glorotUniform",
  xavier_normal: "glorotNormal",
  xavier_uniform: "glorotUniform",
  xavierNormal: "glorotNormal",
  xavierUniform: "glorotUniform",
  he_normal: "heNormal",
  he_uniform: "heUniform",
  kaiming_normal: "heNormal",
  kaiming_uniform: "heUniform",
  kaimingNormal: "heNormal",
  kaimingUniform: "heUniform",
  lecun_normal: "leCunNormal",
  lecun_uniform: "leCunUniform",
  lecunNormal: "leCunNormal",
  lecunUniform: "leCunUniform",
  random_normal: "randomNormal",
  random_uniform: "randomUniform",
  truncated_normal: "truncatedNormal",
  variance_scaling: "varianceScaling",
  normal: "randomNormal",
  uniform: "randomUniform",
  zero: "zeros",
  one: "ones",
  eye: "identity",
};

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Identifiers TF.js accepts that are closest to an unknown spelling, best first. */
export function suggestInitializers(name: string): string[] {
  const mapped = foreign[name] ?? foreign[name.toLowerCase()];
  if (mapped) return [mapped];
  const key = name.toLowerCase().replace(/[_\s-]/g, "");
  const scored = Object.keys(identifiers)
    .map((id) => ({ id, d: editDistance(key, id.toLowerCase()) }))
    .filter(({ id, d }) => d <= Math.max(1, Math.floor(id.length / 4)))
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id));
  return scored.slice(0, 3).map((s) => s.id);
}

/** The parameters of a layer argument, as they decide which default applies. */
export type InitSlot =
  "kernel" | "bias" | "recurrent" | "embeddings" | "gamma" | "beta" | "depthwise" | "pointwise";

const slotDefaults: Record<InitSlot, string> = {
  kernel: "glorotNormal",
  bias: "zeros",
  recurrent: "orthogonal",
  embeddings: "randomUniform",
  gamma: "ones",
  beta: "zeros",
  depthwise: "glorotNormal",
  pointwise: "glorotNormal",
};

/** The config key that sets a slot's initializer (`kernelInitializer`). */
export function slotKey(slot: InitSlot): string {
  return `${slot}Initializer`;
}

/** The initializer a slot gets when the config says nothing. */
export function defaultInitializer(slot: InitSlot): Initializer {
  const known = identifiers[slotDefaults[slot]]!;
  return {
    family: known.family,
    framework: "tfjs",
    args: { ...known.args },
    origin: "default",
  };
}
