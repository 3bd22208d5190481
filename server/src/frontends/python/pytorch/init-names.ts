/**
 * The `torch.nn.init` vocabulary: each function's canonical family, how its positional and
 * keyword arguments map onto the shared InitArgs, the deprecated spellings without the
 * trailing underscore, and the tensor methods (`normal_`, `zero_`) that initialise in place.
 */
import type { InitArgs, InitFamily } from "../../../model/types";

type ArgKey = keyof Omit<InitArgs, "unresolved">;

/** One init function: its family and its arguments after the tensor, in order. */
export interface InitSignature {
  family: InitFamily;
  /** [python keyword, InitArgs key] per position after the tensor. */
  args: [string, ArgKey | null][];
}

const kaiming: InitSignature["args"] = [
  ["a", "a"],
  ["mode", "mode"],
  ["nonlinearity", "nonlinearity"],
];

/** The real `torch.nn.init` functions that initialise a tensor. */
export const initFunctions: Record<string, InitSignature> = {
  uniform_: {
    family: "uniform",
    args: [
      ["a", "low"],
      ["b", "high"],
    ],
  },
  normal_: {
    family: "normal",
    args: [
      ["mean", "mean"],
      ["std", "std"],
    ],
  },
  trunc_normal_: {
    family: "trunc_normal",
    args: [
      ["mean", "mean"],
      ["std", "std"],
      ["a", "truncLow"],
      ["b", "truncHigh"],
    ],
  },
  constant_: { family: "constant", args: [["val", "value"]] },
  ones_: { family: "ones", args: [] },
  zeros_: { family: "zeros", args: [] },
  eye_: { family: "eye", args: [] },
  dirac_: { family: "dirac", args: [["groups", null]] },
  xavier_uniform_: { family: "xavier_uniform", args: [["gain", "gain"]] },
  xavier_normal_: { family: "xavier_normal", args: [["gain", "gain"]] },
  kaiming_uniform_: { family: "kaiming_uniform", args: kaiming },
  kaiming_normal_: { family: "kaiming_normal", args: kaiming },
  orthogonal_: { family: "orthogonal", args: [["gain", "gain"]] },
  sparse_: {
    family: "sparse",
    args: [
      ["sparsity", "sparsity"],
      ["std", "std"],
    ],
  },
};

/** Spellings PyTorch still accepts with a deprecation warning, to their replacement. */
export const deprecatedInits: Record<string, string> = {
  uniform: "uniform_",
  normal: "normal_",
  constant: "constant_",
  xavier_uniform: "xavier_uniform_",
  xavier_normal: "xavier_normal_",
  kaiming_uniform: "kaiming_uniform_",
  kaiming_normal: "kaiming_normal_",
  orthogonal: "orthogonal_",
  eye: "eye_",
  dirac: "dirac_",
  sparse: "sparse_",
};

/** Tensor methods that overwrite a parameter in place, as init signatures. */
export const tensorInitMethods: Record<string, InitSignature> = {
  normal_: {
    family: "normal",
    args: [
      ["mean", "mean"],
      ["std", "std"],
    ],
  },
  uniform_: {
    family: "uniform",
    args: [
      ["from", "low"],
      ["to", "high"],
    ],
  },
  fill_: { family: "constant", args: [["value", "value"]] },
  zero_: { family: "zeros", args: [] },
};

/** Names in `torch.nn.init` that are helpers, not initializers. */
export function isInitHelper(name: string): boolean {
  return name.startsWith("_") || name === "calculate_gain";
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The real init names closest to an unknown one, closest first (at most three). */
export function suggestInits(name: string): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  return Object.keys(initFunctions)
    .map((known) => ({ known, d: distance(name, known) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d || x.known.localeCompare(y.known))
    .slice(0, 3)
    .map((x) => x.known);
}
