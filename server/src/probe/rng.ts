/**
 * A counter-based random generator: every value is a pure function of (seed, stream, index),
 * so a weight element is the same whether the whole tensor or a sample of its rows is drawn,
 * and the same seed gives the same numbers on every run. No global state, unlike tf.random.
 */

/** The murmur3 finaliser: a bijective 32-bit mix with full avalanche, kept in int32. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const TWO_PI = 2 * Math.PI;

/** The row indices 0..n-1, for the fill methods. */
export function rowsUpTo(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/** Hashes a string and a seed to a 32-bit stream key. */
export function streamKey(seed: number, name: string): number {
  let h = fmix32((seed >>> 0) ^ 0x9e3779b9);
  for (let i = 0; i < name.length; i++) {
    h = fmix32(h ^ Math.imul(name.charCodeAt(i) + 1, 0xcc9e2d51));
  }
  return h;
}

/** A stream of values addressed by (row, column): rows of a weight are independent. */
export class CounterRng {
  private readonly key: number;
  private readonly key2: number;

  /** A stream named `name` under `seed`. */
  constructor(seed: number, name: string) {
    this.key = streamKey(seed, name);
    this.key2 = fmix32(this.key ^ 0x68e31da4);
  }

  /** 32 random bits (as an int32) for element (row, col). */
  bits(row: number, col: number): number {
    const r = fmix32(Math.imul(row, 0x9e3779b1) ^ this.key);
    return fmix32((r + Math.imul(col, 0x85ebca77)) ^ this.key2);
  }

  /** A uniform in the open interval (0, 1), 24 bits of resolution. */
  uniform(row: number, col: number): number {
    return ((this.bits(row, col) >>> 8) + 0.5) / 16777216;
  }

  /**
   * A standard normal. Elements 2k and 2k+1 of a row are the cosine and sine halves of one
   * Box-Muller pair, so filling a row costs one logarithm per two values.
   */
  normal(row: number, col: number): number {
    const pair = col >>> 1;
    const radius = Math.sqrt(-2 * Math.log(this.uniform(row, 2 * pair)));
    const angle = TWO_PI * this.uniform(row, 2 * pair + 1);
    return radius * ((col & 1) === 0 ? Math.cos(angle) : Math.sin(angle));
  }

  /**
   * A standard normal truncated to [lo, hi] by rejection (redraws on further columns of a
   * private sub-stream), as torch and TensorFlow both do in effect.
   */
  truncatedNormal(row: number, col: number, lo: number, hi: number): number {
    for (let k = 0; k < 64; k++) {
      const u1 = this.uniform(row, 2 * (col * 64 + k));
      const u2 = this.uniform(row, 2 * (col * 64 + k) + 1);
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      if (z >= lo && z <= hi) return z;
    }
    return Math.min(hi, Math.max(lo, 0));
  }

  /**
   * Fills `out` with `mean + std · z`, z standard normal, for rows `rows` of a `cols`-wide
   * matrix: the values normal() gives (z rounded to float32 first), a row at a time.
   */
  fillNormal(
    out: Float32Array,
    rows: ArrayLike<number>,
    cols: number,
    mean = 0,
    std = 1,
  ): void {
    let k = 0;
    for (let r = 0; r < rows.length; r++) {
      const base = fmix32(Math.imul(rows[r]!, 0x9e3779b1) ^ this.key);
      for (let c = 0; c < cols; c += 2) {
        const u1 =
          ((fmix32((base + Math.imul(c, 0x85ebca77)) ^ this.key2) >>> 8) + 0.5) / 16777216;
        const u2 =
          ((fmix32((base + Math.imul(c + 1, 0x85ebca77)) ^ this.key2) >>> 8) + 0.5) / 16777216;
        const radius = Math.sqrt(-2 * Math.log(u1));
        const angle = TWO_PI * u2;
        out[k++] = mean + std * Math.fround(radius * Math.cos(angle));
        if (c + 1 < cols) out[k++] = mean + std * Math.fround(radius * Math.sin(angle));
      }
    }
  }

  /**
   * Fills `out` with `low + width · u`, u = uniform(row, col), for rows `rows` of a
   * `cols`-wide matrix, a row at a time.
   */
  fillUniform(
    out: Float32Array,
    rows: ArrayLike<number>,
    cols: number,
    low: number,
    width: number,
  ): void {
    let k = 0;
    for (let r = 0; r < rows.length; r++) {
      const base = fmix32(Math.imul(rows[r]!, 0x9e3779b1) ^ this.key);
      for (let c = 0; c < cols; c++) {
        const u =
          ((fmix32((base + Math.imul(c, 0x85ebca77)) ^ this.key2) >>> 8) + 0.5) / 16777216;
        out[k++] = low + width * u;
      }
    }
  }
}
