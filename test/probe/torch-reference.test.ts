/**
 * The probe against PyTorch (Debian's python3-torch) and against the knowledge core's
 * analytic prediction, on the same architectures and initializers: ReLU MLPs under Xavier,
 * Kaiming and PyTorch's default, a tanh MLP, a small conv net and an LSTM.
 *
 * Tolerance: the probe's weights are one more draw from the same distributions PyTorch draws
 * from, so its value differs from the mean of S PyTorch seeds by about s * sqrt(1 + 1/S),
 * s being the spread of those seeds (weight draws dominate; it grows with depth at finite
 * width). We accept 3.5 of those, and never less than 3 * sqrt(2 / B), the relative error of
 * a variance estimated from B independent samples.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { predictModel } from "../../server/src/knowledge/predict";
import type { Model } from "../../server/src/model/types";
import type { ModelResult } from "../../server/src/probe/types";
import { init, mlp, model } from "./build";
import { probeOk, weighted } from "./harness";

const BATCH = 1024;
const SEEDS = 10;
const python = "/usr/bin/python3";

function torchAvailable(): boolean {
  if (!fs.existsSync(python)) return false;
  try {
    execFileSync(python, ["-c", "import torch"], { stdio: "ignore", timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

const zeros = init("zeros");
const architectures: Record<string, Model> = {
  relu_xavier: mlp({
    name: "relu_xavier",
    depth: 6,
    width: 256,
    activation: "relu",
    weight: () => init("xavier_uniform"),
    bias: zeros,
  }),
  relu_kaiming: mlp({
    name: "relu_kaiming",
    depth: 6,
    width: 256,
    activation: "relu",
    weight: () => init("kaiming_normal"),
    bias: zeros,
  }),
  relu_default: mlp({ name: "relu_default", depth: 6, width: 256, activation: "relu" }),
  tanh_xavier: mlp({
    name: "tanh_xavier",
    depth: 6,
    width: 256,
    activation: "tanh",
    weight: () => init("xavier_normal", { gain: 5 / 3 }),
    bias: zeros,
  }),
  conv: model(
    "conv",
    "pytorch",
    [
      {
        kind: "conv",
        in: 3,
        out: 16,
        weight: init("kaiming_normal"),
        extra: { spatialDims: 2, kernelSize: [3, 3] },
      },
      { kind: "activation", activation: "relu" },
      {
        kind: "conv",
        in: 16,
        out: 16,
        weight: init("kaiming_normal"),
        extra: { spatialDims: 2, kernelSize: [3, 3] },
      },
      { kind: "activation", activation: "relu" },
      { kind: "flatten" },
      { kind: "linear", in: 16 * 8 * 8, out: 10 },
    ],
    [3, 8, 8],
  ),
  lstm: model(
    "lstm",
    "pytorch",
    [{ kind: "lstm", in: 16, out: 32, extra: { hiddenSize: 32 } }],
    [8, 16],
  ),
};

function stats(values: number[]): { mean: number; rel: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  return { mean, rel: sd / mean };
}

function tolerance(rel: number): number {
  return Math.max(3.5 * rel * Math.sqrt(1 + 1 / SEEDS), 3 * Math.sqrt(2 / BATCH));
}

async function probeAll(): Promise<Record<string, ModelResult>> {
  const result = await probeOk(Object.values(architectures), { batch: BATCH, seed: 1 });
  return Object.fromEntries(result.models.map((m) => [m.name, m]));
}

const haveTorch = torchAvailable();
if (!haveTorch)
  console.log("torch-reference: /usr/bin/python3 cannot import torch; comparison skipped");

describe("probe against PyTorch", () => {
  it.skipIf(!haveTorch)(
    "agrees with PyTorch's per-layer variances within sampling error",
    async () => {
      const script = path.join(__dirname, "reference.py");
      const raw = execFileSync(python, [script, String(BATCH), String(SEEDS)], {
        encoding: "utf8",
        timeout: 300_000,
      });
      const reference = JSON.parse(raw) as { results: Record<string, number[][][]> };
      const probed = await probeAll();
      const failures: string[] = [];
      for (const [name, runs] of Object.entries(reference.results)) {
        const rows = weighted(probed[name]!);
        expect(rows.length, name).toBe(runs[0]!.length);
        rows.forEach((row, i) => {
          for (const [k, field] of [
            [0, "preactVar"],
            [1, "outputVar"],
          ] as const) {
            const ref = stats(runs.map((r) => r[i]![k]!));
            const got = row[field]!;
            const tol = tolerance(ref.rel);
            const err = Math.abs(got / ref.mean - 1);
            if (err > tol)
              failures.push(
                `${name}[${i}].${field}: probe ${got}, torch ${ref.mean} (±${tol})`,
              );
          }
        });
      }
      expect(failures).toEqual([]);
    },
  );
});

describe("probe against the knowledge core's prediction", () => {
  it("agrees with the analytic per-layer pre-activation variance of the MLPs", async () => {
    const probed = await probeAll();
    const failures: string[] = [];
    for (const name of ["relu_xavier", "relu_kaiming", "relu_default", "tanh_xavier"]) {
      const predicted = new Map(
        predictModel(architectures[name]!).map((p) => [p.layerId, p.preactVar]),
      );
      weighted(probed[name]!).forEach((row, i) => {
        const want = predicted.get(row.id);
        // Depth i adds about sqrt(2 / width) of finite-width spread per layer.
        const tol = 3 * Math.sqrt(2 / BATCH) + 0.06 * Math.sqrt(i + 1);
        if (want === null || want === undefined) failures.push(`${name}[${i}]: no prediction`);
        else if (Math.abs(row.preactVar! / want - 1) > tol)
          failures.push(`${name}[${i}]: probe ${row.preactVar}, predicted ${want}`);
      });
    }
    expect(failures).toEqual([]);
  });
});
