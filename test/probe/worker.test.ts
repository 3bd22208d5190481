/**
 * The backend chain and the worker's robustness: forcing an absent backend reports why and
 * falls back; a timeout, a cancellation and an out-of-memory end the run with a message, and
 * the next probe works.
 */
import { describe, expect, it } from "vitest";
import { init, mlp } from "./build";
import { probe, probeOk } from "./harness";

const small = mlp({
  name: "small",
  depth: 3,
  width: 64,
  activation: "relu",
  weight: () => init("kaiming_uniform"),
});

describe("backends", () => {
  it("falls back from gpu with the reason for each backend it skipped", async () => {
    const r = await probeOk([small], { backend: "gpu", batch: 32 });
    expect(r.backend.skipped).toEqual([
      { name: "gpu", reason: "not installed" },
      { name: "node", reason: "not installed" },
    ]);
    expect(r.backend.name).toBe("wasm");
    expect(r.backend.detail).toBe("simd, single thread");
  });

  it("runs on the pure-JS backend when asked, and one seed gives the same numbers", async () => {
    const a = await probeOk([small], { backend: "cpu", batch: 32, seed: 5 });
    const b = await probeOk([small], { backend: "cpu", batch: 32, seed: 5 });
    const c = await probeOk([small], { backend: "wasm", batch: 32, seed: 5 });
    const d = await probeOk([small], { backend: "cpu", batch: 32, seed: 6 });
    expect(a.backend).toEqual({
      name: "cpu",
      detail: "pure JS 4.22.0",
      skipped: [],
      fellBack: [],
    });
    const vars = (r: typeof a) => r.models[0]!.layers.map((l) => l.outputVar);
    expect(vars(b)).toEqual(vars(a));
    expect(vars(d)).not.toEqual(vars(a));
    // Two backends sum in a different order: equal to float precision, not bit for bit.
    vars(c).forEach((v, i) => expect(v!).toBeCloseTo(vars(a)[i]!, 4));
  });
});

describe("worker robustness", () => {
  it("stops at the time budget and the next probe works", async () => {
    const big = mlp({ name: "big", depth: 40, width: 2048, activation: "relu" });
    const out = await probe([big], { batch: 1024 }, { timeoutMs: 300 });
    expect(out).toEqual({ ok: false, reason: "timeout", message: "probe stopped after 0 s" });
    expect((await probeOk([small], { batch: 16 })).models[0]!.layers).toHaveLength(3);
  });

  it("cancels on abort", async () => {
    const controller = new AbortController();
    const run = probe([small], { batch: 16 }, { signal: controller.signal });
    controller.abort();
    expect(await run).toEqual({ ok: false, reason: "cancelled", message: "cancelled" });
  });

  it("reports an out-of-memory in the worker and serves the next probe", async () => {
    // A heap of 8 MB does not hold TensorFlow.js's bundle: the worker dies of a real OOM.
    const out = await probe([small], { batch: 16 }, { maxHeapMb: 8 });
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.reason).toBe("crashed");
      expect(out.message).toBe("probe ran out of memory (heap limit 8 MB)");
    }
    expect((await probeOk([small], { batch: 16 })).backend.name).toBe("wasm");
  });
});
