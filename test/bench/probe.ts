/**
 * The probe's benchmark: its time on a 20-layer, width-1024 ReLU MLP at batch 512 beside
 * PyTorch's CPU time for the same forward pass (when /usr/bin/python3 has torch), the batch
 * needed for a per-layer variance within ±5 % at 95 %, and the peak memory of the process on
 * a ten-billion-parameter description (48 Linear layers of width 14336).
 */
import { execFileSync } from "node:child_process";
import type { Layer, Model } from "../../server/src/model/types";
import { findWorker, runProbe } from "../../server/src/probe/client";
import { probeOptions } from "../../server/src/probe/options";

function mlpModel(name: string, depth: number, width: number): Model {
  const layers: Layer[] = [];
  const range = (line: number) => ({
    start: { line, character: 0 },
    end: { line, character: 1 },
  });
  for (let i = 0; i < depth; i++) {
    const init = {
      family: "kaiming_normal" as const,
      framework: "pytorch" as const,
      args: {},
      origin: "call" as const,
    };
    layers.push({
      id: `fc${i}`,
      name: `fc${i}`,
      kind: "linear",
      op: "nn.Linear",
      inFeatures: width,
      outFeatures: width,
      hasBias: false,
      params: [{ role: "weight", name: "weight", shape: [width, width], init }],
      range: range(i),
      fusedActivation: { name: "relu", spelled: "relu" },
    });
  }
  return {
    id: name,
    name,
    framework: "pytorch",
    range: range(0),
    nameRange: range(0),
    layers,
    orderFromDataFlow: true,
  };
}

const torchScript = `
import time, torch
from torch import nn
torch.manual_seed(0)
net = nn.Sequential(*[m for _ in range(20) for m in (nn.Linear(1024, 1024), nn.ReLU())])
x = torch.randn(512, 1024)
with torch.no_grad():
    net(x)
    t = time.perf_counter(); net(x); print(time.perf_counter() - t)
`;

function torchSeconds(): number | null {
  try {
    return Number(
      execFileSync("/usr/bin/python3", ["-c", torchScript], {
        encoding: "utf8",
        timeout: 120_000,
      }),
    );
  } catch {
    return null;
  }
}

async function timed(
  model: Model,
  batch: number,
  budgetMB = 512,
): Promise<{ ms: number; vars: number[]; rss: number }> {
  const workerPath = findWorker();
  if (!workerPath) throw new Error("bench: dist/probe-worker.js missing; run npm run build");
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = Date.now();
  const outcome = await runProbe([model], probeOptions({ batch, memoryBudgetMB: budgetMB }), {
    workerPath,
    timeoutMs: 30 * 60_000,
    maxHeapMb: 1024,
  });
  clearInterval(timer);
  if (!outcome.ok) throw new Error(`bench: probe failed: ${outcome.message}`);
  const vars = outcome.result.models[0]!.layers.map((l) => l.preactVar ?? NaN);
  return { ms: Date.now() - started, vars, rss: peak };
}

/** Prints the probe's figures. */
export async function benchProbe(): Promise<void> {
  const model = mlpModel("mlp20x1024", 20, 1024);
  const probe = await timed(model, 512);
  const torch = torchSeconds();
  const torchMs = torch === null ? null : torch * 1000;
  console.log(
    `probe: 20x1024 ReLU MLP, batch 512, forward+backward incl. worker start: ${probe.ms} ms`,
  );
  console.log(
    torchMs === null
      ? "probe: PyTorch not available for the comparison"
      : `probe: PyTorch CPU forward of the same MLP: ${torchMs.toFixed(1)} ms; ratio ${(probe.ms / torchMs).toFixed(1)}x`,
  );

  // A variance estimated from B roughly independent samples has a relative standard error
  // near sqrt(2 / B) per unit; across a layer's units it shrinks further. Find the smallest
  // batch whose estimate of layer 1's variance is within ±5 % of the batch-512 one.
  for (const batch of [16, 32, 64, 128, 256]) {
    const r = await timed(mlpModel("mlp20x1024", 20, 1024), batch);
    const err = Math.max(...r.vars.slice(0, 3).map((v, i) => Math.abs(v / probe.vars[i]! - 1)));
    if (err <= 0.05) {
      console.log(
        `probe: batch ${batch} gives the first layers' variance within ${(err * 100).toFixed(1)} % in ${r.ms} ms`,
      );
      break;
    }
  }

  const big = mlpModel("ten_billion", 48, 14336);
  const params = 48 * 14336 * 14336;
  const host = process.memoryUsage().rss;
  const r = await timed(big, 16, 64);
  console.log(
    `probe: ${(params / 1e9).toFixed(2)}e9-parameter description, batch 16, budget 64 MB: ` +
      `${(r.ms / 1000).toFixed(1)} s, peak process RSS ${(r.rss / 2 ** 20).toFixed(0)} MB (host before ${(host / 2 ** 20).toFixed(0)} MB)`,
  );
}
