/**
 * Small statistics and formatting helpers for the benchmark report: order statistics over
 * samples and one printed row per figure, with its reference and the ratio between them.
 */

/** The q-quantile (0..1) of `samples` by the nearest-rank method. */
export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** The median of `samples`. */
export function median(samples: number[]): number {
  return quantile(samples, 0.5);
}

/** One measured figure and the reference measured beside it in the same run. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** References measured in the same run; the ratio is printed against each. */
  references: { name: string; value: number }[];
  /** The target from the issue, as text ("< 50 ms"), when it has one. */
  target?: string;
  /** Whether the value meets the target; undefined when there is none. */
  met?: boolean;
  note?: string;
}

function fmt(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** The figure as printed lines: value and target, each reference with the ratio to it. */
export function formatFigure(figure: Figure): string {
  const target = figure.target
    ? `  target ${figure.target}: ${figure.met ? "met" : "NOT met"}`
    : "";
  const lines = [`${figure.name}: ${fmt(figure.value)} ${figure.unit}${target}`];
  for (const reference of figure.references) {
    const ratio = figure.value / reference.value;
    lines.push(
      `    reference, ${reference.name}: ${fmt(reference.value)} ${figure.unit}` +
        ` (ratio ${fmt(ratio)})`,
    );
  }
  if (figure.note) lines.push(`    note: ${figure.note}`);
  return lines.join("\n");
}

/** Milliseconds since `start` (a performance.now() value). */
export function since(start: number): number {
  return performance.now() - start;
}
