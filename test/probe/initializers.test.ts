/**
 * Initializer semantics, drawn by the probe's own generator: each framework's realised
 * variance against the value its source defines, orthogonality, and reproducibility.
 */
import { describe, expect, it } from "vitest";
import { drawMatrix, householderQ } from "../../server/src/probe/draw";
import { resolveInit, TRUNC_CORRECTION } from "../../server/src/probe/initializers";
import { variance } from "../../server/src/probe/params";
import { CounterRng } from "../../server/src/probe/rng";
import { init } from "./build";
import type { Framework, InitArgs, InitFamily } from "../../server/src/model/types";

const fans = { fanIn: 512, fanOut: 256 };

function realised(family: InitFamily, framework: Framework, args: InitArgs = {}) {
  const r = resolveInit(init(family, args, framework), fans);
  const values = drawMatrix(
    {
      dist: r.dist,
      rng: new CounterRng(7, `${family}/${framework}`),
      rows: Array.from({ length: 256 }, (_, i) => i),
      colIndex: null,
      cols: 512,
      totalRows: 256,
      kernelSize: 1,
      kernelCenter: 0,
    },
    [],
  );
  return { nominal: r.nominalVar, actual: variance(values), values };
}

// 131072 draws: the relative standard error of a variance estimate is about sqrt(2/n) for
// a normal (0.4 %), a little more for truncated or uniform ones; 3 % is a wide margin.
const tol = 0.03;

const maxOf = (v: Float32Array) => v.reduce((a, b) => Math.max(a, b), -Infinity);
const minOf = (v: Float32Array) => v.reduce((a, b) => Math.min(a, b), Infinity);

describe("initializer semantics", () => {
  it("PyTorch's default Linear weight is U(±1/√fan_in), variance 1/(3·fan_in)", () => {
    const r = realised("torch_default", "pytorch");
    expect(r.nominal).toBeCloseTo(1 / (3 * 512), 12);
    expect(Math.abs(r.actual / r.nominal - 1)).toBeLessThan(tol);
    expect(maxOf(r.values)).toBeLessThanOrEqual(1 / Math.sqrt(512));
  });

  it("kaiming_normal_ defaults to the ReLU gain: variance 2/fan_in", () => {
    const r = realised("kaiming_normal", "pytorch");
    expect(r.nominal).toBeCloseTo(2 / 512, 12);
    expect(Math.abs(r.actual / r.nominal - 1)).toBeLessThan(tol);
  });

  it("xavier_uniform_ with gain 5/3 follows gain²·2/(fan_in+fan_out)", () => {
    const r = realised("xavier_uniform", "pytorch", { gain: 5 / 3 });
    expect(r.nominal).toBeCloseTo(((25 / 9) * 2) / 768, 12);
    expect(Math.abs(r.actual / r.nominal - 1)).toBeLessThan(tol);
  });

  it("Keras's he_normal is corrected for truncation, TF.js's is not (about 0.774)", () => {
    const keras = realised("kaiming_normal", "keras");
    const tfjs = realised("kaiming_normal", "tfjs");
    expect(keras.nominal).toBeCloseTo(2 / 512, 12);
    expect(Math.abs(keras.actual / keras.nominal - 1)).toBeLessThan(tol);
    const ratio = tfjs.actual / tfjs.nominal;
    expect(Math.abs(ratio - TRUNC_CORRECTION ** 2)).toBeLessThan(tol);
  });

  it("Flax's lecun_normal is a corrected truncated normal of variance 1/fan_in", () => {
    const r = realised("lecun_normal", "flax");
    expect(Math.abs(r.actual * 512 - 1)).toBeLessThan(tol);
    expect(maxOf(r.values.map(Math.abs))).toBeLessThanOrEqual(
      2 / Math.sqrt(512) / TRUNC_CORRECTION + 1e-6,
    );
  });

  it("PyTorch's trunc_normal_ bounds are absolute and its std uncorrected", () => {
    const r = realised("trunc_normal", "pytorch", { std: 1, truncLow: -2, truncHigh: 2 });
    expect(Math.abs(r.actual - TRUNC_CORRECTION ** 2)).toBeLessThan(tol);
  });

  it("uniform_ defaults to U(0, 1) in PyTorch and U(±0.05) in Keras", () => {
    const torch = realised("uniform", "pytorch");
    const keras = realised("uniform", "keras");
    expect(minOf(torch.values)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(torch.actual * 12 - 1)).toBeLessThan(tol);
    expect(Math.abs(keras.actual / (0.01 / 12) - 1)).toBeLessThan(tol);
  });

  it("orthogonal weights from Householder QR have orthonormal columns", () => {
    const p = 64;
    const q = 16;
    const rng = new CounterRng(1, "qr");
    const a = new Float64Array(p * q).map((_, i) => rng.normal(0, i));
    const m = householderQ(a, p, q);
    for (let i = 0; i < q; i++) {
      for (let j = 0; j < q; j++) {
        let dot = 0;
        for (let k = 0; k < p; k++) dot += m[i * p + k]! * m[j * p + k]!;
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });

  it("the same seed gives the same numbers, and a sampled row equals the full one", () => {
    const a = new CounterRng(3, "layer/weight");
    const b = new CounterRng(3, "layer/weight");
    const c = new CounterRng(4, "layer/weight");
    expect(a.normal(5, 9)).toBe(b.normal(5, 9));
    expect(a.normal(5, 9)).not.toBe(c.normal(5, 9));
    const dist = { kind: "normal" as const, mean: 0, std: 1 };
    const base = {
      dist,
      rng: a,
      colIndex: null,
      cols: 8,
      totalRows: 100,
      kernelSize: 1,
      kernelCenter: 0,
    };
    const full = drawMatrix({ ...base, rows: [0, 1, 2, 3] }, []);
    const part = drawMatrix({ ...base, rows: [0, 1] }, []);
    expect(Array.from(part)).toEqual(Array.from(full.subarray(0, 16)));
  });
});
