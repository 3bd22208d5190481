/**
 * Keras initializers as the source gives them: identifier strings (`"he_normal"`, `"HeNormal"`,
 * legacy `"normal"`), classes and their snake_case aliases, called with arguments or passed
 * bare, and TensorFlow's `tf.random_normal_initializer` family. Each one becomes the param's
 * Initializer and an InitCall; a name Keras does not know gets did-you-mean suggestions.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { InitArgs, InitCall, InitFamily, Initializer } from "../../../model/types";
import { readCall } from "../common/calls";
import { evalNumber, evalString, isNone } from "../common/literals";
import { rangeOf } from "../common/ranges";
import { suggest } from "../common/suggest";
import type { KerasEnv } from "./env";
import { kerasName } from "./names";

interface Spec {
  family: InitFamily;
  args: InitArgs;
  /** Names of the positional parameters, in order. */
  positional: string[];
  /** Legacy alias: the spelling to suggest instead. */
  legacyFor?: string;
}

const truncated = "truncated_normal" as const;
const fan = (
  family: InitFamily,
  scale: number,
  mode: InitArgs["mode"],
  dist: InitArgs["distribution"],
): Spec => ({
  family,
  args: { scale, mode, distribution: dist },
  positional: ["seed"],
});

// Defaults as in keras/src/initializers (Keras 3; tf.keras 2 uses the same values).
const classes: Record<string, Spec> = {
  GlorotUniform: fan("xavier_uniform", 1, "fan_avg", "uniform"),
  GlorotNormal: fan("xavier_normal", 1, "fan_avg", truncated),
  HeNormal: fan("kaiming_normal", 2, "fan_in", truncated),
  HeUniform: fan("kaiming_uniform", 2, "fan_in", "uniform"),
  LecunNormal: fan("lecun_normal", 1, "fan_in", truncated),
  LecunUniform: fan("lecun_uniform", 1, "fan_in", "uniform"),
  VarianceScaling: {
    family: "variance_scaling",
    args: { scale: 1, mode: "fan_in", distribution: truncated },
    positional: ["scale", "mode", "distribution", "seed"],
  },
  Orthogonal: { family: "orthogonal", args: { gain: 1 }, positional: ["gain", "seed"] },
  RandomNormal: {
    family: "normal",
    args: { mean: 0, std: 0.05 },
    positional: ["mean", "stddev", "seed"],
  },
  RandomUniform: {
    family: "uniform",
    args: { low: -0.05, high: 0.05 },
    positional: ["minval", "maxval", "seed"],
  },
  TruncatedNormal: {
    family: "trunc_normal",
    args: { mean: 0, std: 0.05 },
    positional: ["mean", "stddev", "seed"],
  },
  Zeros: { family: "zeros", args: {}, positional: [] },
  Ones: { family: "ones", args: {}, positional: [] },
  Constant: { family: "constant", args: { value: 0 }, positional: ["value"] },
  Identity: { family: "identity", args: { gain: 1 }, positional: ["gain"] },
};

function aliasOf(name: string, legacyFor?: string): Spec {
  return legacyFor ? { ...classes[name]!, legacyFor } : classes[name]!;
}

/** Every identifier `keras.initializers.get` accepts, to the class it means. */
const identifiers: Record<string, Spec> = {
  ...classes,
  OrthogonalInitializer: classes.Orthogonal!,
  IdentityInitializer: classes.Identity!,
  glorot_uniform: classes.GlorotUniform!,
  glorot_normal: classes.GlorotNormal!,
  he_normal: classes.HeNormal!,
  he_uniform: classes.HeUniform!,
  lecun_normal: classes.LecunNormal!,
  lecun_uniform: classes.LecunUniform!,
  variance_scaling: classes.VarianceScaling!,
  orthogonal: classes.Orthogonal!,
  random_normal: classes.RandomNormal!,
  random_uniform: classes.RandomUniform!,
  truncated_normal: classes.TruncatedNormal!,
  zeros: classes.Zeros!,
  ones: classes.Ones!,
  constant: classes.Constant!,
  identity: classes.Identity!,
  // Legacy aliases: accepted, but their defaults differed across Keras generations.
  normal: aliasOf("RandomNormal", "random_normal"),
  uniform: aliasOf("RandomUniform", "random_uniform"),
  zero: aliasOf("Zeros", "zeros"),
  one: aliasOf("Ones", "ones"),
};

/** The snake_case identifiers, the spelling fixes write and suggestions prefer. */
const snakeIdentifiers = Object.keys(identifiers).filter((k) => /^[a-z_]+$/.test(k));

// TensorFlow's own initializer functions, which Keras layers accept too.
const tensorflowFunctions: Record<string, Spec> = {
  random_normal_initializer: classes.RandomNormal!,
  random_uniform_initializer: classes.RandomUniform!,
  truncated_normal_initializer: classes.TruncatedNormal!,
  constant_initializer: classes.Constant!,
  zeros_initializer: classes.Zeros!,
  ones_initializer: classes.Ones!,
  glorot_uniform_initializer: classes.GlorotUniform!,
  glorot_normal_initializer: classes.GlorotNormal!,
  variance_scaling_initializer: classes.VarianceScaling!,
  orthogonal_initializer: classes.Orthogonal!,
};

/** The Keras identifier a default stands for, as an Initializer. */
export function kerasDefault(identifier: string): Initializer {
  const spec = identifiers[identifier]!;
  return { family: spec.family, framework: "keras", args: { ...spec.args }, origin: "default" };
}

/** True when the identifier names a Keras initializer. */
export function isKerasIdentifier(name: string): boolean {
  return name in identifiers;
}

function setArg(args: InitArgs, name: string, value: Node, env: KerasEnv): void {
  const numeric: Record<string, keyof InitArgs> = {
    scale: "scale",
    gain: "gain",
    mean: "mean",
    stddev: "std",
    minval: "low",
    maxval: "high",
    value: "value",
    seed: "seed",
  };
  if (name in numeric) {
    const n = evalNumber(value, env.scope);
    if (n === null) {
      if (!isNone(value)) (args.unresolved ??= []).push(name);
      return;
    }
    (args as Record<string, unknown>)[numeric[name]!] = n;
    return;
  }
  const text = evalString(value, env.scope);
  if (name === "mode") {
    if (text === "fan_in" || text === "fan_out" || text === "fan_avg") args.mode = text;
    else (args.unresolved ??= []).push(name);
  }
  if (name === "distribution") {
    // Keras maps the old "normal" onto the corrected truncated normal.
    const d = text === "normal" ? "truncated_normal" : text;
    if (d === "truncated_normal" || d === "untruncated_normal" || d === "uniform") {
      args.distribution = d;
    } else (args.unresolved ??= []).push(name);
  }
}

function argsOf(spec: Spec, call: Node | null, env: KerasEnv): InitArgs {
  const args: InitArgs = { ...spec.args };
  const parts = readCall(call);
  if (!parts) return args;
  parts.positional.forEach((value, i) => {
    const name = spec.positional[i];
    if (name) setArg(args, name, value, env);
  });
  for (const [name, kw] of parts.keywords) setArg(args, name, kw.value, env);
  if (spec.family === "trunc_normal") {
    // Keras redraws beyond two standard deviations: absolute bounds mean -+ 2 std.
    const mean = args.mean ?? 0;
    const std = args.std ?? 0.05;
    args.truncLow = mean - 2 * std;
    args.truncHigh = mean + 2 * std;
  }
  return args;
}

/** What one initializer expression means, for the param and for the file's init calls. */
export interface InitRead {
  init: Initializer;
  /** Null when the value is not a Keras initializer at all (a user function, a config dict). */
  call: InitCall | null;
}

function unknownValue(value: Node): InitRead {
  return {
    init: {
      family: "unknown",
      framework: "keras",
      args: {},
      origin: "argument",
      range: rangeOf(value),
    },
    call: null,
  };
}

function fromSpec(opts: {
  name: string;
  spec: Spec | undefined;
  value: Node;
  callee: Node;
  call: Node | null;
  target: string;
  env: KerasEnv;
}): InitRead {
  const { spec, value } = opts;
  const spelled = opts.call ? opts.callee.text : value.text;
  const range = rangeOf(opts.call ?? value);
  const calleeRange = rangeOf(opts.callee);
  if (!spec) {
    const init: Initializer = {
      family: "unknown",
      framework: "keras",
      args: {},
      origin: "argument",
      spelled,
      range,
    };
    const suggestions = suggest(
      opts.name,
      /^[a-z_]+$/.test(opts.name) ? snakeIdentifiers : Object.keys(identifiers),
    );
    const call: InitCall = {
      family: "unknown",
      framework: "keras",
      spelled,
      args: {},
      range,
      calleeRange,
      target: opts.target,
      unknownSuggestions: suggestions,
    };
    return { init, call };
  }
  const args = argsOf(spec, opts.call, opts.env);
  const init: Initializer = {
    family: spec.family,
    framework: "keras",
    args,
    origin: "argument",
    spelled,
    range,
  };
  const call: InitCall = {
    family: spec.family,
    framework: "keras",
    spelled,
    args,
    range,
    calleeRange,
    target: opts.target,
  };
  if (spec.legacyFor) call.deprecatedFor = spec.legacyFor;
  return { init, call };
}

function namespaceMember(
  name: string | null,
): { member: string; spec: Spec | undefined } | null {
  if (!name) return null;
  const parts = name.split(".");
  const member = parts.pop()!;
  const ns = parts.join(".");
  if (
    ns === "keras.initializers" ||
    ns === "tensorflow.initializers" ||
    ns === "tensorflow.keras.initializers"
  ) {
    return { member, spec: identifiers[member] };
  }
  if (ns === "tensorflow" && member in tensorflowFunctions) {
    return { member, spec: tensorflowFunctions[member] };
  }
  return null;
}

/**
 * Reads an initializer expression given for `target` (`dense_1.kernel`). `None` reads as
 * null (the layer keeps its default); so does nothing at all.
 */
export function readKerasInitializer(
  value: Node,
  target: string,
  env: KerasEnv,
  depth = 0,
): InitRead | null {
  if (isNone(value)) return null;
  if (depth > 5) return unknownValue(value);

  if (value.type === "string") {
    const name = evalString(value);
    if (name === null) return unknownValue(value);
    return fromSpec({
      name,
      spec: identifiers[name],
      value,
      callee: value,
      call: null,
      target,
      env,
    });
  }

  if (value.type === "call") {
    const callee = value.childForFieldName("function")!;
    const member = namespaceMember(kerasName(callee, env.imports));
    if (!member) return unknownValue(value);
    return fromSpec({
      name: member.member,
      spec: member.spec,
      value,
      callee,
      call: value,
      target,
      env,
    });
  }

  if (value.type === "identifier" || value.type === "attribute") {
    // A class or alias passed without calling it: Keras instantiates it with its defaults.
    const member = namespaceMember(kerasName(value, env.imports));
    if (member)
      return fromSpec({
        name: member.member,
        spec: member.spec,
        value,
        callee: value,
        call: null,
        target,
        env,
      });
    const bound = env.scope.get(value.text.replace(/\s+/g, ""));
    if (bound && bound.id !== value.id)
      return readKerasInitializer(bound, target, env, depth + 1);
  }
  return unknownValue(value);
}

/**
 * Adds an init call to the file's list once: an initializer held in a variable and shared by
 * several layers is one call in the source.
 */
export function recordInitCall(env: KerasEnv, call: InitCall | null): void {
  if (!call) return;
  const key = (c: InitCall) => `${c.range.start.line}:${c.range.start.character}`;
  if (env.initCalls.some((c) => key(c) === key(call))) return;
  env.initCalls.push(call);
}
