/**
 * Number formatting for rule messages, so every message states its numbers the same way.
 */

/** A fold-change: "2^12" for near powers of two, "770", "1.7e8". */
export function formatFold(ratio: number): string {
  if (!Number.isFinite(ratio)) return "unboundedly";
  const log2 = Math.log2(ratio);
  const nearest = Math.round(log2);
  if (nearest >= 2 && Math.abs(log2 - nearest) < 0.02) return `2^${nearest}`;
  if (ratio < 1000) return ratio < 10 ? ratio.toFixed(1) : String(Math.round(ratio));
  const [mantissa, exponent] = ratio.toExponential(1).split("e");
  return `${mantissa}e${Number(exponent)}`;
}

/** A factor or variance with two significant digits: 0.50, 0.17, 1.3e-4. */
export function formatNumber(x: number): string {
  if (x === 0) return "0";
  if (Math.abs(x) >= 0.01 && Math.abs(x) < 1000) return x.toPrecision(2);
  const [mantissa, exponent] = x.toExponential(1).split("e");
  return `${mantissa}e${Number(exponent)}`;
}

/** A share as a percentage: "12%", "0.3%", "<0.1%". */
export function formatPercent(share: number): string {
  const pct = share * 100;
  if (pct > 0 && pct < 0.1) return "<0.1%";
  return pct >= 10 ? `${Math.round(pct)}%` : `${pct.toFixed(1)}%`;
}
