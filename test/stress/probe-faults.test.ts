/**
 * Probe faults at the host API (server/src/probe/client.ts): a worker that runs out of
 * heap memory, one that hangs past its budget, one killed mid-run, and a cancelled run. Each
 * ends in a reported outcome, never a rejection or a stuck promise, and the next probe on
 * the real worker works.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../server/src/analysis/analyze";
import { defaultConfig } from "../../server/src/config/effective";
import { initPython } from "../../server/src/frontends/python/parser";
import type { Model } from "../../server/src/model/types";
import { findWorker, runProbe, type ProbeOutcome } from "../../server/src/probe/client";
import { probeOptions } from "../../server/src/probe/options";

let scratch: string;
let worker: string;

function describeModels(layers: number, width: number): Model[] {
  const body = Array.from(
    { length: layers },
    (_, i) => `        self.fc${i} = nn.Linear(${width}, ${width})`,
  );
  const calls = Array.from(
    { length: layers },
    (_, i) => `        x = torch.relu(self.fc${i}(x))`,
  );
  const text = [
    "import torch",
    "import torch.nn as nn",
    "",
    "",
    "class Wide(nn.Module):",
    "    def __init__(self):",
    "        super().__init__()",
    ...body,
    "",
    "    def forward(self, x):",
    ...calls,
    "        return x",
    "",
  ].join("\n");
  const { file } = analyze({
    uri: "file:///probe/wide.py",
    text,
    languageId: "python",
    config: defaultConfig(),
  });
  return file.models;
}

/** A small probe on the real worker that must succeed after any fault. */
async function healthyProbe(): Promise<void> {
  const models = describeModels(3, 64);
  const outcome = await runProbe(models, probeOptions({ batch: 32 }), {
    workerPath: worker,
    timeoutMs: 60_000,
    maxHeapMb: 512,
  });
  expect(outcome.ok).toBe(true);
  if (outcome.ok) expect(outcome.result.models[0]!.layers.length).toBeGreaterThanOrEqual(3);
}

function failed(outcome: ProbeOutcome): { reason: string; message: string } {
  expect(outcome.ok).toBe(false);
  return outcome.ok ? { reason: "", message: "" } : outcome;
}

beforeAll(async () => {
  await initPython();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "initlint-probe-faults-"));
  const found = findWorker();
  if (!found) throw new Error("dist/probe-worker.js missing: run npm run build");
  worker = found;
});

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("probe worker faults", () => {
  it("reports a worker out of memory, then probes again", async () => {
    // Tensors live outside the JS heap, so the heap limit is reached the way a leak in the
    // worker's own code would reach it: objects kept until V8 gives up.
    const leaking = path.join(scratch, "leaking-worker.js");
    const leak = "const kept = []; for (;;) kept.push(new Array(4096).fill({}));";
    fs.writeFileSync(
      leaking,
      `require("node:worker_threads").parentPort.on("message", () => { ${leak} });\n`,
    );
    const outcome = await runProbe(describeModels(3, 64), probeOptions({ batch: 32 }), {
      workerPath: leaking,
      timeoutMs: 60_000,
      maxHeapMb: 32,
    });
    const { reason, message } = failed(outcome);
    expect(reason).toBe("crashed");
    expect(message).toBe("probe ran out of memory (heap limit 32 MB)");
    await healthyProbe();
  });

  it("stops a probe that runs past its budget, then probes again", async () => {
    const models = describeModels(12, 2048);
    const started = performance.now();
    const outcome = await runProbe(models, probeOptions({ batch: 1024 }), {
      workerPath: worker,
      timeoutMs: 300,
      maxHeapMb: 1024,
    });
    expect(failed(outcome).reason).toBe("timeout");
    expect(performance.now() - started).toBeLessThan(5_000);
    await healthyProbe();
  });

  it("reports a worker killed mid-run, then probes again", async () => {
    // The worker dies the way a killed thread does: without a reply, with an exit code.
    const dying = path.join(scratch, "dying-worker.js");
    fs.writeFileSync(
      dying,
      'require("node:worker_threads").parentPort.on("message", () => process.exit(137));\n',
    );
    const outcome = await runProbe(describeModels(3, 64), probeOptions({ batch: 32 }), {
      workerPath: dying,
      timeoutMs: 60_000,
      maxHeapMb: 64,
    });
    const { reason, message } = failed(outcome);
    expect(reason).toBe("crashed");
    expect(message).toContain("137");
    await healthyProbe();
  });

  it("ends a cancelled probe at once, then probes again", async () => {
    const controller = new AbortController();
    const running = runProbe(describeModels(12, 2048), probeOptions({ batch: 1024 }), {
      workerPath: worker,
      timeoutMs: 120_000,
      maxHeapMb: 1024,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    setImmediate(() => controller.abort());
    expect(failed(await running).reason).toBe("cancelled");
    await healthyProbe();
  });
});
