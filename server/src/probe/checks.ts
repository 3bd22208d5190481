/**
 * The start-of-training checks IL101-IL106 over one model's measurements, after SageMaker
 * Debugger's built-in rules (thresholds in shared/KNOWLEDGE.md section 3, configurable).
 * Each finding sits on the line of the layer it is about.
 */
import { reluLike } from "./activations";
import type { LayerResult, ProbeFinding, ProbeThresholds } from "./types";

function fmt(x: number): string {
  if (x === 0) return "0";
  return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4
    ? Number(x.toPrecision(3)).toString()
    : x.toExponential(2);
}

function pct(x: number): string {
  return `${Math.round(x * 100)} %`;
}

function baseName(activation: string | null): string {
  return (activation ?? "").replace(/\(.*$/, "");
}

function finding(
  code: string,
  row: LayerResult,
  severity: ProbeFinding["severity"],
  message: string,
): ProbeFinding {
  return { code, severity, message, line: row.line, range: row.range, layerId: row.id };
}

function poorInit(rows: LayerResult[], th: ProbeThresholds): ProbeFinding[] {
  const relu = rows.filter(
    (r) => reluLike.has(baseName(r.activation)) && r.preactVar !== null && !r.error,
  );
  if (relu.length < 2) return [];
  const vars = relu.map((r) => r.preactVar!);
  const max = Math.max(...vars);
  const min = Math.min(...vars);
  if (!(min > 0) || max / min <= th.varianceRatio) return [];
  const low = relu[vars.indexOf(min)]!;
  const high = relu[vars.indexOf(max)]!;
  return [
    finding(
      "IL101",
      low,
      "warning",
      `Probe: the variance of ReLU inputs ranges from ${fmt(min)} (${low.name}) to ${fmt(max)} ` +
        `(${high.name}) over ${relu.length} layers, a ratio of ${fmt(max / min)} (threshold ${th.varianceRatio}).`,
    ),
  ];
}

function perRow(
  rows: LayerResult[],
  th: ProbeThresholds,
  lastWeighted: string | undefined,
): ProbeFinding[] {
  const out: ProbeFinding[] = [];
  for (const [index, r] of rows.entries()) {
    if (r.error) continue;
    const act = baseName(r.activation);
    if (reluLike.has(act) && r.deadFraction !== null && r.deadFraction > th.layerShare) {
      out.push(
        finding(
          "IL102",
          r,
          "warning",
          `Probe: ${pct(r.deadFraction)} of the units of ${r.name} are dead at init ` +
            `(positive on under ${pct(th.inactiveShare)} of the samples).`,
        ),
      );
    }
    if (r.saturatedUnitFraction !== null && r.saturatedUnitFraction > th.layerShare) {
      out.push(
        finding(
          "IL103",
          r,
          "warning",
          `Probe: ${pct(r.saturatedUnitFraction)} of the ${act} units of ${r.name} are saturated ` +
            `on nearly every sample (${pct(r.saturatedFraction ?? 0)} of all inputs).`,
        ),
      );
    }
    const zeroWeights = r.weightAllZero && r.weightVarNominal !== null;
    if ((r.allZero || zeroWeights) && zeroGammaResidual(rows, index)) {
      out.push(
        finding(
          "IL106",
          r,
          "information",
          `Probe: ${r.name} starts at zero scale before a residual add: the zero-gamma ` +
            "residual recipe, so the block starts as the identity.",
        ),
      );
    } else if (r.allZero || zeroWeights) {
      const deliberate = r.id === lastWeighted;
      const what = zeroWeights ? "weights" : "outputs";
      out.push(
        finding(
          "IL106",
          r,
          deliberate ? "information" : "warning",
          `Probe: every ${what.slice(0, -1)} of ${r.name} is zero at init` +
            (deliberate
              ? " (a zero output layer is a common deliberate choice)."
              : "; its units stay identical."),
        ),
      );
    }
  }
  return out;
}

/**
 * True for a norm row whose scale is zero ahead of a residual add: the zero-gamma residual
 * recipe (Goyal et al. 2017), where each block deliberately starts as the identity.
 */
function zeroGammaResidual(rows: LayerResult[], i: number): boolean {
  const r = rows[i]!;
  if (r.kind !== "norm" || !(r.allZero || r.weightAllZero)) return false;
  return rows.slice(i + 1).some((later) => later.kind === "add");
}

/** Rows of residual branches that end in a zero-gamma norm: their small gradient is the recipe. */
function recipeBranches(rows: LayerResult[]): Set<number> {
  const exempt = new Set<number>();
  rows.forEach((_, z) => {
    if (!zeroGammaResidual(rows, z)) return;
    for (let i = z; i >= 0 && (i === z || rows[i]!.kind !== "add"); i--) exempt.add(i);
  });
  return exempt;
}

function vanishing(rows: LayerResult[], th: ProbeThresholds): ProbeFinding[] {
  const exempt = recipeBranches(rows);
  // Report once, at the row nearest the loss where the gradient has vanished: the rows
  // before it are starved too, and one diagnostic says it.
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i]!;
    if (exempt.has(i)) continue;
    if (r.gradMeanAbs !== null && r.gradMeanAbs < th.minMeanAbsGrad) {
      return [
        finding(
          "IL104",
          r,
          "warning",
          `Probe: the mean |gradient| reaching ${r.name} is ${fmt(r.gradMeanAbs)}, under ${fmt(th.minMeanAbsGrad)}.`,
        ),
      ];
    }
  }
  return [];
}

function exploding(rows: LayerResult[]): ProbeFinding[] {
  const r = rows.find((row) => row.hasNaN);
  if (!r) return [];
  return [finding("IL105", r, "error", `Probe: ${r.name} produces NaN or Inf at init.`)];
}

/** Runs every check over a model's rows. */
export function checkModel(rows: LayerResult[], th: ProbeThresholds): ProbeFinding[] {
  const weighted = rows.filter((r) => r.weightVarNominal !== null && !r.error);
  const lastWeighted = weighted.at(-1)?.id;
  const findings = [
    ...poorInit(rows, th),
    ...perRow(rows, th, lastWeighted),
    ...vanishing(rows, th),
    ...exploding(rows),
  ];
  return findings.sort((a, b) => a.line - b.line || a.code.localeCompare(b.code));
}
