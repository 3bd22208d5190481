/**
 * Reads one initializer as written in TF.js code (an identifier string or a
 * `tf.initializers.x({...})` call) into the description's Initializer and InitCall, with the
 * arguments TF.js really uses (falsy-argument and distribution quirks applied and recorded).
 */
import ts from "typescript";
import type { InitArgs, InitCall, Initializer, Range } from "../../model/types";
import { qualify, type Bindings } from "./imports";
import { knownInitializer, suggestInitializers } from "./initializers";
import { nodeRange } from "./source";
import { asNumber, evaluate, properties, stripCasts, type ConstLookup } from "./values";

/** A behaviour of TF.js that makes the realised initializer differ from what the code says. */
export interface TfjsQuirk {
  kind: "falsy-default" | "truncated-normal-samples-uniform";
  range: Range;
  /** The argument concerned, e.g. `minval`. */
  arg: string;
  written: string;
  realised: string;
}

/** What reading needs: the file, the TF.js names, constants in scope and where quirks go. */
export interface InitReadContext {
  sf: ts.SourceFile;
  bindings: Bindings;
  lookup: ConstLookup;
  quirks: TfjsQuirk[];
}

/** The initializer of a layer argument and the init call it counts as (for IL011). */
export interface ReadInit {
  init: Initializer;
  call: InitCall;
}

/** Records a quirk once, however often its initializer is read. */
function addQuirk(ctx: InitReadContext, quirk: TfjsQuirk): void {
  const key = (q: TfjsQuirk) => `${q.kind}:${q.range.start.line}:${q.range.start.character}`;
  if (!ctx.quirks.some((q) => key(q) === key(quirk))) ctx.quirks.push(quirk);
}

const modes: Record<string, InitArgs["mode"]> = {
  fanIn: "fan_in",
  fanOut: "fan_out",
  fanAvg: "fan_avg",
};

/** Argument reader over a config object literal, noting what it cannot evaluate. */
class ConfigArgs {
  readonly unresolved: string[] = [];
  private readonly props: ReturnType<typeof properties>;

  constructor(
    private readonly ctx: InitReadContext,
    obj: ts.Expression | undefined,
  ) {
    const e = obj ? stripCasts(obj) : undefined;
    this.props = e && ts.isObjectLiteralExpression(e) ? properties(e) : new Map();
  }

  number(name: string): number | undefined {
    const prop = this.props.get(name);
    if (!prop) return undefined;
    const v = asNumber(evaluate(prop.value, this.ctx.lookup));
    if (v === undefined) this.unresolved.push(name);
    return v;
  }

  string(name: string): string | undefined {
    const prop = this.props.get(name);
    if (!prop) return undefined;
    const v = evaluate(prop.value, this.ctx.lookup);
    if (typeof v !== "string") this.unresolved.push(name);
    return typeof v === "string" ? v : undefined;
  }

  range(name: string): Range | undefined {
    const prop = this.props.get(name);
    return prop ? nodeRange(this.ctx.sf, prop.node) : undefined;
  }

  /** `args.x || default`: a written 0 is replaced by the default, which TF.js does silently. */
  orDefault(name: string, fallback: number): number {
    const v = this.number(name);
    if (v === 0 && fallback !== 0) {
      const range = this.range(name)!;
      const realised = String(fallback);
      addQuirk(this.ctx, { kind: "falsy-default", range, arg: name, written: "0", realised });
    }
    return v || fallback;
  }
}

function distributionArgs(args: ConfigArgs, ctx: InitReadContext): InitArgs {
  const written = args.string("distribution");
  if (written === undefined || written === "normal")
    return { distribution: "truncated_normal" };
  if (written === "uniform") return { distribution: "uniform" };
  if (written === "truncatedNormal") {
    // tfjs-layers' VarianceScaling.apply tests only for "normal"; everything else is uniform.
    const range = args.range("distribution")!;
    const quirk: TfjsQuirk = {
      kind: "truncated-normal-samples-uniform",
      range,
      arg: "distribution",
      written,
      realised: "uniform",
    };
    addQuirk(ctx, quirk);
    return { distribution: "uniform" };
  }
  args.unresolved.push("distribution");
  return {};
}

function callArgs(name: string, args: ConfigArgs, ctx: InitReadContext): InitArgs {
  switch (name) {
    case "randomNormal":
      return { mean: args.orDefault("mean", 0), std: args.orDefault("stddev", 0.05) };
    case "truncatedNormal": {
      const mean = args.orDefault("mean", 0);
      const std = args.orDefault("stddev", 0.05);
      return { mean, std, truncLow: mean - 2 * std, truncHigh: mean + 2 * std };
    }
    case "randomUniform":
      return { low: args.orDefault("minval", -0.05), high: args.orDefault("maxval", 0.05) };
    case "constant":
      return { value: args.number("value") };
    case "orthogonal":
    case "identity":
      return { gain: args.number("gain") ?? 1 };
    case "varianceScaling": {
      const modeText = args.string("mode");
      const mode = modeText === undefined ? "fan_in" : modes[modeText];
      if (modeText !== undefined && !mode) args.unresolved.push("mode");
      return { scale: args.number("scale") ?? 1, mode, ...distributionArgs(args, ctx) };
    }
    default:
      return {};
  }
}

function clean(args: InitArgs): InitArgs {
  const out: InitArgs = {};
  for (const [k, v] of Object.entries(args)) {
    if (v !== undefined && !(Array.isArray(v) && v.length === 0))
      Object.assign(out, { [k]: v });
  }
  return out;
}

function fromName(
  name: string,
  spelled: string,
  args: InitArgs,
): Pick<InitCall, "family" | "args" | "unknownSuggestions" | "spelled"> {
  const known = knownInitializer(name);
  if (!known) {
    return {
      family: "unknown",
      args: {},
      spelled,
      unknownSuggestions: suggestInitializers(name),
    };
  }
  return { family: known.family, args: clean({ ...known.args, ...args }), spelled };
}

/**
 * Reads an initializer expression; `target` is the config key it is the value of. Returns
 * undefined when the expression is neither an identifier string nor a TF.js initializer call.
 */
export function readInitializer(
  expr: ts.Expression,
  target: string,
  ctx: InitReadContext,
): ReadInit | undefined {
  const e = stripCasts(expr);
  const range = nodeRange(ctx.sf, e);
  if (ts.isStringLiteralLike(e)) {
    const read = fromName(e.text, e.getText(ctx.sf), {});
    return build(read, { range, calleeRange: range, target });
  }
  if (!ts.isCallExpression(e)) return undefined;

  const path = qualify(e.expression, ctx.bindings);
  const name = path?.startsWith("tf.initializers.")
    ? path.slice("tf.initializers.".length)
    : "";
  if (!name || name.includes(".")) return undefined;
  const callee = ts.isPropertyAccessExpression(e.expression) ? e.expression.name : e.expression;
  const config = new ConfigArgs(ctx, e.arguments[0]);
  const seed = config.number("seed");
  const args = { ...callArgs(name, config, ctx), seed };
  if (config.unresolved.length > 0) args.unresolved = config.unresolved;
  const read = fromName(name, e.expression.getText(ctx.sf), args);
  return build(read, { range, calleeRange: nodeRange(ctx.sf, callee), target });
}

function build(
  read: ReturnType<typeof fromName>,
  where: { range: Range; calleeRange: Range; target: string },
): ReadInit {
  const init: Initializer = {
    family: read.family,
    framework: "tfjs",
    args: read.args,
    origin: "argument",
    spelled: read.spelled,
    range: where.range,
  };
  const call: InitCall = { ...read, framework: "tfjs", ...where };
  if (!read.unknownSuggestions) delete call.unknownSuggestions;
  return { init, call };
}
