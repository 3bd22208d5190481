/**
 * Probe fixes from a new-user trial, on realistic model files: SELU gradients, the
 * zero-gamma residual recipe, notebooks, conv strides and padding, backend notes, exit
 * status, usage errors, input-shape suggestions and the dead column.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  parseProbeArgs,
  probeExitCode,
  probeJson,
  probeSource,
  probeText,
} from "../../server/src/cli/probe";
import { probe, probeOk } from "./harness";

const dir = path.join(__dirname, "models");
const load = (name: string) => probeSource(name, fs.readFileSync(path.join(dir, name), "utf8"));

describe("probe trial fixes", () => {
  it("runs a SELU MLP through the backward pass", async () => {
    const { models } = await load("torch_selu.py");
    const r = (await probeOk(models, { backend: "cpu", batch: 64 })).models[0]!;
    const linear = r.layers.filter((l) => l.kind === "linear");
    expect(linear.map((l) => l.activation)).toEqual(["selu", "selu", null]);
    for (const l of linear) expect(l.gradVar).toBeGreaterThan(0);
  });

  it("reports the zero-gamma residual recipe as information, with no IL104", async () => {
    const { models } = await load("torch_resnet_block.py");
    const m = models.filter((x) => x.name === "TinyResNet");
    const result = await probeOk(m, { batch: 16, inputShape: "(3,32,32)" });
    const f = result.models[0]!.findings;
    expect(f.map((x) => `${x.code} ${x.severity}`)).toEqual([
      "IL106 information",
      "IL106 information",
      "IL106 information",
    ]);
    expect(probeExitCode(result)).toBe(0);
  });

  it("probes a notebook with cell-relative lines", async () => {
    const source = await load("torch_notebook.ipynb");
    expect(source.models.map((m) => m.name)).toEqual(["Net"]);
    const result = await probeOk(source.models, { backend: "cpu", batch: 64 });
    const json = probeJson(result, { program: source.program! }) as {
      models: { layers: { name: string; line: number; cell?: number }[] }[];
    };
    const fc1 = json.models[0]!.layers.find((l) => l.name === "fc1")!;
    const cells = JSON.parse(fs.readFileSync(path.join(dir, "torch_notebook.ipynb"), "utf8"))
      .cells as { source: string[] | string }[];
    const cellText = ([] as string[]).concat(cells[fc1.cell!]!.source).join("");
    expect(cellText.split("\n")[fc1.line]).toContain("self.fc1");
  });

  it("runs TF.js convs with valid padding, so the dense layer sees its declared features", async () => {
    const { models } = await load("tfjs_model.js");
    const r = (await probeOk(models, { backend: "cpu", batch: 32 })).models[0]!;
    const dense = r.layers.find((l) => l.name === "dense1")!;
    expect(dense.fanIn).toBe(5408);
    expect(dense.notes).toEqual([]);
    // The dead column is for rectified layers only: softmax and pooling rows have none.
    expect(dense.deadFraction).toBeNull();
    expect(r.layers.find((l) => l.kind === "pooling")!.deadFraction).toBeNull();
    expect(r.layers.find((l) => l.activation === "relu")!.deadFraction).not.toBeNull();
  });

  it("says in JSON and text when the requested backend fell back", async () => {
    const { models } = await load("torch_selu.py");
    const result = await probeOk(models, { backend: "gpu", batch: 16 });
    expect(result.backend.name).not.toBe("gpu");
    const json = probeJson(result, { requested: "gpu" }) as {
      backend: string;
      backendNotes: string[];
    };
    expect(typeof json.backend).toBe("string");
    expect(json.backendNotes[0]).toMatch(/^gpu: /);
    expect(json.backendNotes).toContain(
      `--backend gpu requested; fell back to ${json.backend}`,
    );
    expect(probeText(result, { requested: "gpu" })).toContain("--backend gpu requested");
  });

  it("suggests an input shape that fits a Dense first layer", async () => {
    const { models } = await load("flax_mlp.py");
    const outcome = await probe(models, { backend: "cpu" });
    if (!outcome.ok) throw new Error(outcome.message);
    const m = outcome.result.models[0]!;
    expect(m.error ?? "").toContain("input-shape=(64,)");
  });

  it("exits 1 on a warning, as check does", () => {
    const base = { backend: { name: "cpu", detail: "", skipped: [], fellBack: [] } };
    const withFinding = (severity: string) =>
      ({
        ...base,
        seed: 0,
        batch: 1,
        elapsedMs: 0,
        models: [{ findings: [{ severity }] }],
      }) as unknown as Parameters<typeof probeExitCode>[0];
    expect(probeExitCode(withFinding("warning"))).toBe(1);
    expect(probeExitCode(withFinding("information"))).toBe(0);
  });

  it("treats --help as help and a flag without a value as a usage error", () => {
    expect(parseProbeArgs(["--help"]).help).toBe(true);
    expect(() => parseProbeArgs(["m.py", "--model"])).toThrow("--model needs a value");
    expect(() => parseProbeArgs(["m.py", "--input-shape", "--batch", "4"])).toThrow(
      "--input-shape needs a value",
    );
    expect(parseProbeArgs(["m.py", "--model=Net"]).model).toBe("Net");
  });
});
