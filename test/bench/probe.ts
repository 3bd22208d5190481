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
  seed?: number,
): Promise<{ ms: number; vars: number[]; rss: number }> {
  const workerPath = findWorker();
  if (!workerPath) throw new Error("bench: dist/probe-worker.js missing; run npm run build");
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = Date.now();
  const options = probeOptions({ batch, memoryBudgetMB: budgetMB, seed });
  const outcome = await runProbe([model], options, {
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

  // How many samples a per-layer variance needs: for each of several seeds (weights and
  // inputs both follow the seed), the batch-512 pass is that network's reference, and a
  // smaller batch's per-layer variances are compared with it. The figure is the smallest
  // batch for which 95 % of those relative errors (seeds x layers) are within 5 %.
  const seeds = [1, 2, 3, 4, 5];
  const references: number[][] = [];
  for (const seed of seeds) references.push((await timed(model, 512, 512, seed)).vars);
  for (const batch of [16, 32, 64, 128, 256]) {
    const errors: number[] = [];
    const times: number[] = [];
    for (const [i, seed] of seeds.entries()) {
      const r = await timed(model, batch, 512, seed);
      times.push(r.ms);
      r.vars.forEach((v, layer) => errors.push(Math.abs(v / references[i]![layer]! - 1)));
    }
    errors.sort((a, b) => a - b);
    const q95 = errors[Math.ceil(errors.length * 0.95) - 1]!;
    if (q95 <= 0.05 || batch === 256) {
      times.sort((a, b) => a - b);
      console.log(
        `probe: batch ${batch}: 95 % of per-layer variances (${seeds.length} seeds x ${errors.length / seeds.length} layers) within ${(q95 * 100).toFixed(1)} % of batch 512, in ${times[Math.floor(times.length / 2)]} ms per run (median, worker start included)`,
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
