/**
 * IL003 fan-init-on-1d-tensor: an initializer that needs fans or a matrix (xavier_*,
 * kaiming_*, orthogonal_, eye_, sparse_, variance scaling) applied to a bias, a norm
 * parameter or every tensor of an unguarded `parameters()` loop. PyTorch raises ValueError
 * at run time on tensors under 2-D, and so do JAX's variance-scaling and orthogonal
 * initializers; Keras and TF.js compute fans of 1-D shapes instead, so they are not checked.
 */
import type { InitCall, InitFamily } from "../model/types";
import type { Finding, Fix, Rule, RuleContext } from "./types";
import { flaxInitializersPrefix } from "../fixes/flax";
import { initTarget } from "../fixes/pytorch";
import { offsetAt, textOf } from "../fixes/text";

const needsMatrix: ReadonlySet<InitFamily> = new Set([
  "xavier_uniform",
  "xavier_normal",
  "kaiming_uniform",
  "kaiming_normal",
  "lecun_uniform",
  "lecun_normal",
  "variance_scaling",
  "orthogonal",
  "eye",
  "dirac",
  "sparse",
]);

function whatItIs(call: InitCall): string {
  switch (call.targetIs1d) {
    case "bias":
      return `${call.target || "its target"} is a bias, a 1-D tensor`;
    case "norm":
      return `${call.target || "its target"} is a norm layer's 1-D parameter`;
    default:
      return `this loop over parameters() also reaches every bias and norm parameter (1-D)`;
  }
}

function raises(call: InitCall): string {
  if (call.framework === "flax") return "JAX raises ValueError when the parameter is created";
  if (call.family === "orthogonal" || call.family === "eye" || call.family === "sparse") {
    return "PyTorch raises ValueError (it needs at least 2 dimensions)";
  }
  if (call.family === "dirac") return "PyTorch raises ValueError (it needs 3 to 5 dimensions)";
  return "PyTorch raises ValueError: fans cannot be computed for fewer than 2 dimensions";
}

function calleePrefix(text: string, call: InitCall): string {
  const callee = textOf(text, call.calleeRange);
  const dot = callee.lastIndexOf(".");
  return dot >= 0 ? callee.slice(0, dot + 1) : "";
}

/** `if p.dim() > 1:` in front of the call, when the call is a statement of its own line. */
function guardFix(text: string, call: InitCall): Fix | null {
  const start = offsetAt(text, call.range.start);
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  if (text.slice(lineStart, start).trim() !== "") return null;
  const end = offsetAt(text, call.range.end);
  const lineEnd = text.indexOf("\n", end);
  const rest = text.slice(end, lineEnd < 0 ? text.length : lineEnd).trim();
  if (rest !== "" && !rest.startsWith("#")) return null;
  return {
    title: `Skip 1-D tensors: if ${call.target}.dim() > 1`,
    safe: false,
    preferred: true,
    edits: [
      {
        range: { start: call.range.start, end: call.range.start },
        newText: `if ${call.target}.dim() > 1: `,
      },
    ],
  };
}

function constantFix(text: string, call: InitCall): Fix | null {
  if (call.framework === "flax") {
    const prefix = flaxInitializersPrefix(text);
    if (prefix === null) return null;
    const newText = `${prefix}zeros`;
    return {
      title: `Use ${newText}`,
      safe: false,
      preferred: true,
      edits: [{ range: call.range, newText }],
    };
  }
  const prefix = calleePrefix(text, call);
  // A bare name imported from torch.nn.init has no module to reach zeros_ or ones_ through.
  if (!prefix) return null;
  const gamma = call.targetIs1d === "norm" && /weight$/.test(call.target);
  const fn = gamma ? "ones_" : "zeros_";
  const newText = `${prefix}${fn}(${call.target})`;
  return {
    title: `Use ${prefix}${fn}`,
    safe: false,
    preferred: true,
    edits: [{ range: call.range, newText }],
  };
}

function fixFor(text: string, call: InitCall): Fix[] {
  if (!call.target && call.framework === "pytorch") return [];
  const fix =
    call.targetIs1d === "unguarded-parameter-loop"
      ? guardFix(text, call)
      : constantFix(text, call);
  return fix ? [fix] : [];
}

function check(ctx: RuleContext): Finding[] {
  return ctx.file.initCalls
    .filter((c) => c.targetIs1d && needsMatrix.has(c.family))
    .filter((c) => c.framework === "pytorch" || c.framework === "flax")
    .map((c) => ({
      ...c,
      target: c.framework === "pytorch" ? (initTarget(ctx.text, c) ?? "") : c.target,
    }))
    .map((call) => ({
      code: "IL003",
      severity: "error" as const,
      message:
        `${call.spelled} needs a tensor of at least 2 dimensions, ` +
        `but ${whatItIs(call)}; ${raises(call)}`,
      range: call.range,
      fixes: fixFor(ctx.text, call),
    }));
}

/** IL003: a fan-based initializer on a bias, norm parameter or unguarded parameters() loop. */
export const fanInitOn1dTensor: Rule = {
  meta: {
    code: "IL003",
    name: "fan-init-on-1d-tensor",
    summary: "A fan-based initializer on a 1-D tensor, which raises at run time.",
    defaultSeverity: "error",
    frameworks: ["pytorch", "flax"],
    fixable: true,
  },
  check,
};
