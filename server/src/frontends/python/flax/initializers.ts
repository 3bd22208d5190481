/**
 * Flax and JAX initializers: `nn.initializers.*`, `jax.nn.initializers.*` and nnx's copy,
 * with JAX's semantics (factories such as `he_normal()` return the init function; `zeros` is
 * one already; variance scaling's truncated normal is corrected, its plain normal is not
 * truncated). Each one becomes the param's Initializer and an InitCall.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { InitArgs, InitCall, InitFamily, Initializer, Range } from "../../../model/types";
import { readCall } from "../common/calls";
import { evalNumber, evalString, isNone, type Scope } from "../common/literals";
import { rangeOf } from "../common/ranges";
import { suggest } from "../common/suggest";
import type { ImportTable } from "../imports";
import { flaxName } from "./names";

interface Spec {
  family: InitFamily;
  args: InitArgs;
  positional: string[];
}

const trunc = "truncated_normal" as const;
const scaled = (
  family: InitFamily,
  scale: number,
  mode: InitArgs["mode"],
  distribution: InitArgs["distribution"],
): Spec => ({
  family,
  args: { scale, mode, distribution },
  positional: ["in_axis", "out_axis"],
});

// Defaults as in jax/_src/nn/initializers.py.
const specs: Record<string, Spec> = {
  zeros: { family: "zeros", args: {}, positional: [] },
  ones: { family: "ones", args: {}, positional: [] },
  zeros_init: { family: "zeros", args: {}, positional: [] },
  ones_init: { family: "ones", args: {}, positional: [] },
  constant: { family: "constant", args: {}, positional: ["value"] },
  normal: { family: "normal", args: { mean: 0, std: 0.01 }, positional: ["stddev"] },
  uniform: { family: "uniform", args: { low: 0, high: 0.01 }, positional: ["scale"] },
  truncated_normal: {
    family: "trunc_normal",
    args: { mean: 0, std: 0.01 },
    positional: ["stddev", "lower", "upper"],
  },
  variance_scaling: {
    family: "variance_scaling",
    args: {},
    positional: ["scale", "mode", "distribution"],
  },
  glorot_uniform: scaled("xavier_uniform", 1, "fan_avg", "uniform"),
  xavier_uniform: scaled("xavier_uniform", 1, "fan_avg", "uniform"),
  glorot_normal: scaled("xavier_normal", 1, "fan_avg", trunc),
  xavier_normal: scaled("xavier_normal", 1, "fan_avg", trunc),
  lecun_uniform: scaled("lecun_uniform", 1, "fan_in", "uniform"),
  lecun_normal: scaled("lecun_normal", 1, "fan_in", trunc),
  he_uniform: scaled("kaiming_uniform", 2, "fan_in", "uniform"),
  kaiming_uniform: scaled("kaiming_uniform", 2, "fan_in", "uniform"),
  he_normal: scaled("kaiming_normal", 2, "fan_in", trunc),
  kaiming_normal: scaled("kaiming_normal", 2, "fan_in", trunc),
  orthogonal: { family: "orthogonal", args: { gain: 1 }, positional: ["scale"] },
  delta_orthogonal: { family: "orthogonal", args: { gain: 1 }, positional: ["scale"] },
};

/** The initializer names JAX knows, for did-you-mean suggestions. */
export const flaxInitializerNames = Object.keys(specs);

/** A default as an Initializer (`lecun_normal`, `zeros`, `orthogonal`). */
export function flaxDefault(name: string, extra?: InitArgs): Initializer {
  const spec = specs[name]!;
  return {
    family: spec.family,
    framework: "flax",
    args: { ...spec.args, ...extra },
    origin: "default",
  };
}

function setArg(args: InitArgs, name: string, value: Node, scope: Scope): void {
  const numbers: Record<string, keyof InitArgs> = {
    scale: "scale",
    stddev: "std",
    value: "value",
  };
  if (
    name === "in_axis" ||
    name === "out_axis" ||
    name === "batch_axis" ||
    name === "dtype" ||
    name === "column_axis"
  )
    return;
  if (name === "mode" || name === "distribution") {
    const text = evalString(value, scope);
    if (name === "mode" && (text === "fan_in" || text === "fan_out" || text === "fan_avg"))
      args.mode = text;
    else if (
      name === "distribution" &&
      (text === "truncated_normal" || text === "normal" || text === "uniform")
    ) {
      args.distribution = text;
    } else (args.unresolved ??= []).push(name);
    return;
  }
  const n = evalNumber(value, scope);
  if (n === null) {
    (args.unresolved ??= []).push(name);
    return;
  }
  if (name === "lower") args.truncLow = n;
  else if (name === "upper") args.truncHigh = n;
  else if (name in numbers) (args as Record<string, unknown>)[numbers[name]!] = n;
}

function argsOf(spec: Spec, member: string, call: Node | null, scope: Scope): InitArgs {
  const args: InitArgs = { ...spec.args };
  const parts = readCall(call);
  if (parts) {
    parts.positional.forEach((v, i) => {
      const name = spec.positional[i];
      if (name) setArg(args, name, v, scope);
    });
    for (const [name, kw] of parts.keywords) setArg(args, name, kw.value, scope);
  }
  if (member === "orthogonal" || member === "delta_orthogonal") {
    // JAX calls the gain `scale`.
    if (args.scale !== undefined) args.gain = args.scale;
    delete args.scale;
  }
  if (member === "uniform" && args.scale !== undefined) {
    args.high = args.scale;
    delete args.scale;
  }
  if (spec.family === "trunc_normal") {
    // JAX's bounds are in units of the (uncorrected) stddev.
    const std = args.std ?? 0.01;
    args.truncLow = (args.truncLow ?? -2) * std;
    args.truncHigh = (args.truncHigh ?? 2) * std;
  }
  return args;
}

/** What an initializer expression means for one param. */
export interface FlaxInitRead {
  init: Initializer;
  call: InitCall | null;
}

/** An initializer argument the analysis cannot tell the family of, as it was written. */
function unknownInit(spelled: string, range: Range): Initializer {
  return { family: "unknown", framework: "flax", args: {}, origin: "argument", spelled, range };
}

/** Reads `kernel_init=` values; a value that is not a known namespace member reads as unknown. */
export function readFlaxInitializer(
  value: Node,
  opts: { target: string; imports: ImportTable; scope: Scope },
): FlaxInitRead | null {
  if (isNone(value)) return null;
  const call = value.type === "call" ? value : null;
  const callee = call ? call.childForFieldName("function")! : value;
  const name = flaxName(callee, opts.imports);
  const range = rangeOf(value);
  if (!name || name.kind !== "initializer") {
    return { init: unknownInit(value.text, range), call: null };
  }
  const spec = specs[name.member];
  const spelled = callee.text;
  const base = {
    framework: "flax" as const,
    spelled,
    range,
    calleeRange: rangeOf(callee),
    target: opts.target,
  };
  if (!spec) {
    const initCall: InitCall = {
      ...base,
      family: "unknown",
      args: {},
      unknownSuggestions: suggest(name.member, flaxInitializerNames),
    };
    return { init: unknownInit(spelled, range), call: initCall };
  }
  const args = argsOf(spec, name.member, call, opts.scope);
  return {
    init: { family: spec.family, framework: "flax", args, origin: "argument", spelled, range },
    call: { ...base, family: spec.family, args },
  };
}
