/**
 * IL012 gain-argument-mismatch (PyTorch): a `calculate_gain` or kaiming `nonlinearity=` name
 * PyTorch rejects (`"gelu"`, `"silu"`: ValueError at run time, an error), and a valid name
 * that contradicts the activation the layer actually feeds (a warning). Fixes only ever write
 * names `calculate_gain` accepts; for GELU-like names that is "relu", whose gain is the usual
 * stand-in for activations that behave like ReLU on large inputs.
 */
import type { Activation, InitCall, Range } from "../model/types";
import { pairLayers } from "../model/pairing";
import { activationLabel } from "../knowledge/activations";
import {
  calculateGain,
  gainNamesFor,
  gainReplacement,
  isTorchGainName,
  type TorchGainName,
} from "../knowledge/gains";
import { offsetAt, positionAt, textOf } from "../fixes/text";
import { formatNumber } from "./format";
import { reachedBy, type Reached } from "./reach";
import type { Finding, Fix, Rule, RuleContext } from "./types";

/** One place a gain name is written: a calculate_gain call or a kaiming nonlinearity=. */
interface GainSite {
  name: string;
  param?: number;
  /** The string literal holding the name, when it is one. */
  literal: Range | null;
  /** The init or gain call whose reach decides which layers the gain is for. */
  reach: Range;
  /** For a gain call bound by the front end. */
  layer?: { modelId?: string; layerId?: string };
  /** Where the name is written: a `calculate_gain` argument or a kaiming `nonlinearity=`. */
  via: "calculate_gain" | "nonlinearity";
}

const isQuote = (c: string | undefined) => c === "'" || c === '"';

function literalIn(text: string, range: Range, value: string): Range | null {
  const start = offsetAt(text, range.start);
  const body = text.slice(start, offsetAt(text, range.end));
  for (const q of ["'", '"']) {
    const at = body.indexOf(`${q}${value}${q}`);
    if (at >= 0) {
      return {
        start: positionAt(text, start + at),
        end: positionAt(text, start + at + value.length + 2),
      };
    }
  }
  return null;
}

function sites(ctx: RuleContext): GainSite[] {
  const text = ctx.text;
  const fromGains: GainSite[] = ctx.file.gainCalls.map((g) => {
    const arg = textOf(text, g.argRange);
    return {
      name: g.nonlinearity,
      ...(g.param !== undefined ? { param: g.param } : {}),
      literal: isQuote(arg[0]) ? g.argRange : null,
      reach: g.range,
      layer: { modelId: g.modelId, layerId: g.layerId },
      via: "calculate_gain" as const,
    };
  });
  const kaiming = (c: InitCall) =>
    c.framework === "pytorch" &&
    (c.family === "kaiming_normal" || c.family === "kaiming_uniform") &&
    c.args.nonlinearity !== undefined;
  const fromInits: GainSite[] = ctx.file.initCalls.filter(kaiming).map((c) => ({
    name: c.args.nonlinearity!,
    ...(c.args.a !== undefined ? { param: c.args.a } : {}),
    literal: literalIn(text, c.range, c.args.nonlinearity!),
    reach: c.range,
    via: "nonlinearity" as const,
  }));
  return [...fromGains, ...fromInits];
}

function replaceName(
  text: string,
  literal: Range | null,
  name: string,
  title: string,
  safe: boolean,
) {
  if (!literal) return [];
  const q = textOf(text, literal)[0]!;
  const fix: Fix = {
    title,
    safe,
    preferred: true,
    edits: [{ range: literal, newText: `${q}${name}${q}` }],
  };
  return [fix];
}

function rejected(ctx: RuleContext, site: GainSite): Finding {
  const replacement = gainReplacement(site.name);
  const spelling = replacement?.why === "the accepted spelling";
  const fixes = replacement
    ? replaceName(
        ctx.text,
        site.literal,
        replacement.name,
        `Use "${replacement.name}" (${replacement.why})`,
        spelling,
      )
    : [];
  return {
    code: "IL012",
    severity: "error",
    message:
      site.via === "nonlinearity"
        ? `nonlinearity="${site.name}" is not a name kaiming_* accepts: it raises ` +
          "ValueError at run time; it knows linear, conv*, sigmoid, tanh, relu, leaky_relu " +
          "and selu"
        : `calculate_gain does not accept "${site.name}" and raises ValueError at run time; ` +
          "it knows linear, conv*, sigmoid, tanh, relu, leaky_relu and selu",
    range: site.literal ?? site.reach,
    fixes,
  };
}

/** The layers (with what they feed) a gain site is for. */
function targets(
  ctx: RuleContext,
  site: GainSite,
): { reached: Reached; act: Activation | null; norm: boolean }[] {
  const reached = reachedBy(ctx.file, site.reach).filter((r) => r.param.role === "weight");
  const bound = site.layer?.layerId
    ? reached.filter((r) => r.layer.id === site.layer!.layerId)
    : reached;
  return bound.map((r) => {
    const p = pairLayers(r.model).find((x) => x.layer === r.layer);
    return { reached: r, act: p?.activation ?? null, norm: p?.normFollows ?? false };
  });
}

function family(name: TorchGainName): TorchGainName {
  return name.startsWith("conv") ? "linear" : name;
}

function contradiction(ctx: RuleContext, site: GainSite): Finding | null {
  if (!isTorchGainName(site.name)) return null;
  const name = family(site.name);
  const wrong = targets(ctx, site).filter((t) => {
    if (!t.act || t.norm) return false;
    const fits = gainNamesFor(t.act.name);
    return fits !== null && !fits.includes(name);
  });
  const first = wrong[0];
  if (!first || !first.act) return null;
  const wanted = wrong.map((t) => {
    const fits = gainNamesFor(t.act!.name)!;
    return t.act!.name === "leaky_relu" && fits.includes("leaky_relu")
      ? "leaky_relu"
      : fits[0]!;
  });
  const same = wanted.every((w) => w === wanted[0]);
  const act = activationLabel(first.act.name);
  const have = calculateGain(site.name, site.param) ?? 1;
  const want = calculateGain(wanted[0]!) ?? 1;
  const fixes = same
    ? replaceName(
        ctx.text,
        site.literal,
        wanted[0]!,
        `Use "${wanted[0]}" for the ${act} that follows`,
        false,
      )
    : [];
  return {
    code: "IL012",
    severity: "warning",
    message:
      `"${site.name}" sets gain ${formatNumber(have)}, but ${first.reached.layer.name} feeds ` +
      `${act}, whose gain is ${formatNumber(want)} ("${wanted[0]}")`,
    range: site.literal ?? site.reach,
    fixes,
    related: first.act.range
      ? [{ range: first.act.range, message: "the activation that follows" }]
      : [],
    subject: { modelId: first.reached.model.id, layerId: first.reached.layer.id },
  };
}

function check(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const site of sites(ctx)) {
    if (!isTorchGainName(site.name)) findings.push(rejected(ctx, site));
    else {
      const f = contradiction(ctx, site);
      if (f) findings.push(f);
    }
  }
  return findings;
}

/** IL012: a gain name PyTorch rejects, or one that contradicts the following activation. */
export const gainArgumentMismatch: Rule = {
  meta: {
    code: "IL012",
    name: "gain-argument-mismatch",
    summary: "A gain name PyTorch rejects, or one that contradicts the following activation.",
    defaultSeverity: "error",
    frameworks: ["pytorch"],
    fixable: true,
  },
  check,
};
