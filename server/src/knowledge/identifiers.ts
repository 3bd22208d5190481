/**
 * The initializer names each framework accepts, for IL011: PyTorch's `torch.nn.init`
 * functions (and its deprecated spellings), Keras's string and class identifiers, TF.js's
 * camelCase identifiers and Flax/JAX's `initializers` functions. Suggestions fold case and
 * underscores first, so Keras spelling in TF.js (`he_normal`) maps to `heNormal`.
 */
import type { Framework } from "../model/types";
import { editDistance } from "./spelling";

const torchInit = [
  "uniform_",
  "normal_",
  "trunc_normal_",
  "constant_",
  "ones_",
  "zeros_",
  "eye_",
  "dirac_",
  "xavier_uniform_",
  "xavier_normal_",
  "kaiming_uniform_",
  "kaiming_normal_",
  "orthogonal_",
  "sparse_",
  "calculate_gain",
];

/** `torch.nn.init`'s deprecated aliases (each warns and calls the underscore form). */
export const torchDeprecatedInit: Record<string, string> = {
  uniform: "uniform_",
  normal: "normal_",
  constant: "constant_",
  xavier_uniform: "xavier_uniform_",
  xavier_normal: "xavier_normal_",
  kaiming_uniform: "kaiming_uniform_",
  kaiming_normal: "kaiming_normal_",
  orthogonal: "orthogonal_",
  sparse: "sparse_",
};

const kerasStrings = [
  "constant",
  "glorot_normal",
  "glorot_uniform",
  "he_normal",
  "he_uniform",
  "identity",
  "lecun_normal",
  "lecun_uniform",
  "ones",
  "orthogonal",
  "random_normal",
  "random_uniform",
  "truncated_normal",
  "variance_scaling",
  "zeros",
];

const kerasClasses = [
  "Constant",
  "GlorotNormal",
  "GlorotUniform",
  "HeNormal",
  "HeUniform",
  "Identity",
  "LecunNormal",
  "LecunUniform",
  "Ones",
  "Orthogonal",
  "RandomNormal",
  "RandomUniform",
  "TruncatedNormal",
  "VarianceScaling",
  "Zeros",
];

const tfjsNames = [
  "constant",
  "glorotNormal",
  "glorotUniform",
  "heNormal",
  "heUniform",
  "identity",
  "leCunNormal",
  "leCunUniform",
  "ones",
  "orthogonal",
  "randomNormal",
  "randomUniform",
  "truncatedNormal",
  "varianceScaling",
  "zeros",
];

const flaxNames = [
  "constant",
  "delta_orthogonal",
  "glorot_normal",
  "glorot_uniform",
  "he_normal",
  "he_uniform",
  "kaiming_normal",
  "kaiming_uniform",
  "lecun_normal",
  "lecun_uniform",
  "normal",
  "ones",
  "ones_init",
  "orthogonal",
  "truncated_normal",
  "uniform",
  "variance_scaling",
  "xavier_normal",
  "xavier_uniform",
  "zeros",
  "zeros_init",
];

/** Every identifier the framework accepts for an initializer. */
export function validInitializerNames(framework: Framework): readonly string[] {
  switch (framework) {
    case "pytorch":
      return torchInit;
    case "keras":
      return [...kerasStrings, ...kerasClasses];
    case "tfjs":
      return tfjsNames;
    case "flax":
      return flaxNames;
  }
}

/** True when the framework accepts the identifier. */
export function isValidInitializerName(framework: Framework, name: string): boolean {
  return validInitializerNames(framework).includes(name);
}

function fold(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, "");
}

/**
 * Valid identifiers close to an unknown one, closest first: same letters ignoring case and
 * underscores, then up to two edits (three for long names). Empty when nothing is close.
 */
export function suggestInitializerNames(framework: Framework, name: string): string[] {
  const target = fold(name);
  // Keras accepts both spellings of one name; suggest the one that matches the writing style.
  const pool = validInitializerNames(framework).filter((n) =>
    framework === "keras" ? /^[a-z]/.test(n) === /^[a-z]/.test(name) : true,
  );
  const limit = target.length > 10 ? 3 : 2;
  const scored = pool
    .map((n) => ({ n, d: fold(n) === target ? 0 : editDistance(fold(n), target) + 0.5 }))
    .filter((s) => s.d <= limit)
    .sort((x, y) => x.d - y.d || x.n.localeCompare(y.n));
  return scored.map((s) => s.n);
}
