/**
 * Standard-normal helpers the knowledge core needs: density, tail probabilities, the variance
 * of a truncated normal, and Gaussian expectations of activation functions.
 */

/** The standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/**
 * The complementary error function, from the Chebyshev fit in Numerical Recipes (fractional
 * error below 1.2e-7 everywhere), good enough for tail shares down to 1e-300.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t *
                          (-1.13520398 +
                            t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** The standard normal distribution function. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/**
 * Variance of a standard normal truncated to [low, high] (both in units of its std). For
 * the usual two-sigma truncation this is 0.7737, the factor TF.js and PyTorch leave in.
 */
export function truncatedNormalVariance(low: number, high: number): number {
  const mass = normalCdf(high) - normalCdf(low);
  if (!(mass > 0)) return 0;
  const pl = Number.isFinite(low) ? normalPdf(low) : 0;
  const ph = Number.isFinite(high) ? normalPdf(high) : 0;
  const lowTerm = Number.isFinite(low) ? low * pl : 0;
  const highTerm = Number.isFinite(high) ? high * ph : 0;
  const meanShift = (pl - ph) / mass;
  return 1 + (lowTerm - highTerm) / mass - meanShift * meanShift;
}

/** The std Keras and JAX divide by, so their two-sigma truncated normals are exact. */
export const TRUNCATION_STD_CORRECTION = 0.87962566103423978;

const gridPoints = 4001;
const gridHalfWidth = 12;

/**
 * E[g(z)] for z ~ N(0, variance), by Simpson's rule over +-12 std: exact to far beyond the
 * precision any rule needs, and only used for activations without a closed form.
 */
export function gaussianExpectation(g: (z: number) => number, variance: number): number {
  if (variance <= 0) return g(0);
  const std = Math.sqrt(variance);
  const n = gridPoints - 1;
  const h = (2 * gridHalfWidth) / n;
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const u = -gridHalfWidth + i * h;
    const weight = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
    sum += weight * g(u * std) * normalPdf(u);
  }
  return (sum * h) / 3;
}
