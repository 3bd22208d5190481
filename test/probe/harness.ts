/**
 * Test harness for the probe: bundles the worker from the current sources (so a test never
 * runs a stale dist/), places the tfjs wasm files beside it, and runs probes through the real
 * host client and worker thread.
 */
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Model } from "../../server/src/model/types";
import { runProbe, type ProbeOutcome, type RunOptions } from "../../server/src/probe/client";
import { probeOptions, type ProbeOverrides } from "../../server/src/probe/options";
import type { ModelResult, ProbeResult } from "../../server/src/probe/types";

const root = path.resolve(__dirname, "../..");
const outDir = path.join(root, "node_modules", ".cache", "initlint-probe-test");
let built: Promise<string> | undefined;

/** Bundles server/src/probe/worker.ts once per test process; returns the bundle's path. */
export function workerBundle(): Promise<string> {
  built ??= (async () => {
    fs.mkdirSync(outDir, { recursive: true });
    const outfile = path.join(outDir, `probe-worker-${process.pid}.js`);
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: ["server/src/probe/worker.ts"],
      outfile,
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      logLevel: "error",
      external: ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"],
    });
    const wasmDir = path.join(root, "node_modules/@tensorflow/tfjs-backend-wasm/dist");
    for (const f of fs.readdirSync(wasmDir).filter((n) => n.endsWith(".wasm"))) {
      fs.copyFileSync(path.join(wasmDir, f), path.join(outDir, f));
    }
    return outfile;
  })();
  return built;
}

/** Runs a probe through the worker; resolves to the outcome. */
export async function probe(
  models: Model[],
  overrides: ProbeOverrides = {},
  run: Partial<RunOptions> = {},
): Promise<ProbeOutcome> {
  const workerPath = await workerBundle();
  return runProbe(models, probeOptions(overrides), {
    workerPath,
    timeoutMs: 120_000,
    maxHeapMb: 2048,
    ...run,
  });
}

/** Runs a probe that must succeed, returning the result. */
export async function probeOk(
  models: Model[],
  overrides: ProbeOverrides = {},
): Promise<ProbeResult> {
  const outcome = await probe(models, overrides);
  if (!outcome.ok) throw new Error(`probe failed: ${outcome.reason}: ${outcome.message}`);
  return outcome.result;
}

/** The rows of a model result that hold weights. */
export function weighted(model: ModelResult) {
  return model.layers.filter((l) => l.weightVarNominal !== null);
}
