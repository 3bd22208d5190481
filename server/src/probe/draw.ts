/**
 * Draws the elements of one parameter, as a row-major (selected rows x selected columns)
 * matrix in PyTorch's (out, in * kernel) order. Rows are output units; the counter-based
 * generator makes a drawn element independent of which other rows were drawn, which is what
 * lets the probe sample output units of a layer too large for its memory budget.
 */
import type { Distribution } from "./initializers";
import { CounterRng } from "./rng";

/** Largest min(rows, cols) for which orthogonal weights come from an exact Householder QR. */
export const EXACT_QR_LIMIT = 1024;

/** What to draw: which rows and columns of a matrix with `cols` columns in all. */
export interface DrawRequest {
  dist: Distribution;
  rng: CounterRng;
  rows: number[];
  /** Selected column indices, or null for all `cols`. */
  colIndex: number[] | null;
  cols: number;
  /** Rows of the whole matrix (output units before sampling). */
  totalRows: number;
  /** Position of the kernel centre inside a column block, for dirac; 0 for dense weights. */
  kernelSize: number;
  kernelCenter: number;
}

/** Draws the requested block; `notes` receives any approximation made. */
export function drawMatrix(req: DrawRequest, notes: string[]): Float32Array {
  const cols = req.colIndex ?? range(req.cols);
  const out = new Float32Array(req.rows.length * cols.length);
  const dist = req.dist;
  if (dist.kind === "orthogonal") return drawOrthogonal(req, cols, out, notes);
  const prefix = cols.every((c, i) => c === i);
  if (prefix && (dist.kind === "normal" || dist.kind === "uniform")) {
    return fastFill(req, dist, cols.length, out);
  }

  let k = 0;
  for (const row of req.rows) {
    for (const col of cols) out[k++] = element(dist, req, row, col);
  }
  return out;
}

/**
 * The common case, columns 0..n-1 of a normal or uniform: same values as element(), drawn a
 * row at a time without per-element dispatch.
 */
function fastFill(
  req: DrawRequest,
  dist: Extract<Distribution, { kind: "normal" | "uniform" }>,
  n: number,
  out: Float32Array,
): Float32Array {
  if (dist.kind === "normal") req.rng.fillNormal(out, req.rows, n, dist.mean, dist.std);
  else req.rng.fillUniform(out, req.rows, n, dist.low, dist.high - dist.low);
  return out;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function element(dist: Distribution, req: DrawRequest, row: number, col: number): number {
  const rng = req.rng;
  switch (dist.kind) {
    case "uniform":
      return dist.low + (dist.high - dist.low) * rng.uniform(row, col);
    case "normal":
      return dist.mean + dist.std * rng.normal(row, col);
    case "truncnormal":
      return dist.mean + dist.std * rng.truncatedNormal(row, col, dist.lo, dist.hi);
    case "constant":
      return dist.value;
    case "eye":
      return row === col ? dist.gain : 0;
    case "dirac": {
      const channel = Math.floor(col / req.kernelSize);
      const position = col % req.kernelSize;
      return channel === row && position === req.kernelCenter ? dist.gain : 0;
    }
    case "sparse": {
      // Each element is zeroed with the sparsity as its probability, which matches sparse_'s
      // per-column count in expectation.
      const zeroed = rng.uniform(row, 2 * col + 1) < dist.sparsity;
      return zeroed ? 0 : dist.std * rng.normal(row, 2 * col);
    }
    default:
      return 0;
  }
}

function drawOrthogonal(
  req: DrawRequest,
  cols: number[],
  out: Float32Array,
  notes: string[],
): Float32Array {
  const gain = req.dist.kind === "orthogonal" ? req.dist.gain : 1;
  const m = req.rows.length;
  const n = cols.length;
  if (Math.min(m, n) > EXACT_QR_LIMIT) {
    notes.push(`orthogonal ${m}x${n} approximated by normalised Gaussian rows`);
    return approximateOrthogonal(req, cols, out, gain);
  }

  // Householder QR of a Gaussian matrix with the taller side as rows, signs fixed by R's
  // diagonal as torch and Keras do, so the result is Haar-distributed.
  const tall = m >= n;
  const p = tall ? m : n;
  const q = tall ? n : m;
  const a = new Float64Array(p * q);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const v = req.rng.normal(req.rows[i]!, cols[j]!);
      if (tall) a[j * p + i] = v;
      else a[i * p + j] = v;
    }
  }
  const qMat = householderQ(a, p, q);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      out[i * n + j] = gain * (tall ? qMat[j * p + i]! : qMat[i * p + j]!);
    }
  }
  return out;
}

/** Q (p x q, column-major, orthonormal columns) of a column-major p x q matrix, p >= q. */
export function householderQ(a: Float64Array, p: number, q: number): Float64Array {
  const vs: Float64Array[] = [];
  const signs: number[] = [];
  for (let k = 0; k < q; k++) {
    const v = new Float64Array(p - k);
    let norm = 0;
    for (let i = k; i < p; i++) norm += a[k * p + i]! ** 2;
    norm = Math.sqrt(norm);
    const x0 = a[k * p + k]!;
    const alpha = x0 >= 0 ? -norm : norm;
    for (let i = k; i < p; i++) v[i - k] = a[k * p + i]!;
    v[0] = v[0]! - alpha;
    let vn = 0;
    for (let i = 0; i < v.length; i++) vn += v[i]! ** 2;
    vn = Math.sqrt(vn) || 1;
    for (let i = 0; i < v.length; i++) v[i] = v[i]! / vn;
    for (let j = k; j < q; j++) reflect(a, j * p, k, p, v);
    vs.push(v);
    signs.push(alpha >= 0 ? 1 : -1);
  }

  const qm = new Float64Array(p * q);
  for (let j = 0; j < q; j++) qm[j * p + j] = 1;
  for (let k = q - 1; k >= 0; k--) {
    for (let j = 0; j < q; j++) reflect(qm, j * p, k, p, vs[k]!);
  }
  for (let j = 0; j < q; j++) {
    for (let i = 0; i < p; i++) qm[j * p + i] = qm[j * p + i]! * signs[j]!;
  }
  return qm;
}

/** Applies I - 2 v v^T to rows k.. of one column stored at `offset`. */
function reflect(m: Float64Array, offset: number, k: number, p: number, v: Float64Array): void {
  let dot = 0;
  for (let i = k; i < p; i++) dot += v[i - k]! * m[offset + i]!;
  dot *= 2;
  for (let i = k; i < p; i++) m[offset + i] = m[offset + i]! - dot * v[i - k]!;
}

function approximateOrthogonal(
  req: DrawRequest,
  cols: number[],
  out: Float32Array,
  gain: number,
): Float32Array {
  // A Haar orthogonal matrix's entries are nearly independent with variance 1 / max(rows, cols)
  // when the matrix is large, which is all the statistics downstream depend on.
  const scale = gain / Math.sqrt(Math.max(req.totalRows, req.cols, 1));
  let k = 0;
  for (const row of req.rows) {
    for (const col of cols) out[k++] = scale * req.rng.normal(row, col);
  }
  return out;
}
