/**
 * The probe on a real PyTorch model file, as the editor and the CLI show it: the description
 * from the front end, the JSON contract, inlay hint and hover text, and IL101 with the LSUV fix
 * that, applied, brings the probed variances to about 1.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { modelsOf, probeJson } from "../../server/src/cli/probe";
import {
  hintLabel,
  probeFindings,
  probeHover,
  probeInlayHints,
} from "../../server/src/providers/probe";
import { applyEdits } from "../helpers/edits";
import { probeOk } from "./harness";

const file = path.join(__dirname, "../../test-fixtures/pytorch/mlp_xavier_deep_relu.py");
const text = fs.readFileSync(file, "utf8");

describe("probe on a PyTorch fixture", () => {
  it("prints the JSON contract's fields and raises IL101 on the deep Xavier ReLU stack", async () => {
    const models = await modelsOf(file, text);
    const result = await probeOk(models, { batch: 256 });
    const json = probeJson(result) as {
      backend: string;
      models: { name: string; layers: Record<string, unknown>[]; findings: unknown[] }[];
    };
    expect(Object.keys(json)).toEqual(["backend", "backendNotes", "seed", "batch", "models"]);
    expect(json.models[0]!.name).toBe("DeepMLP");
    expect(Object.keys(json.models[0]!.layers[0]!)).toEqual([
      "name",
      "kind",
      "line",
      "initializer",
      "activation",
      "fanIn",
      "fanOut",
      "weightVar",
      "weightVarNominal",
      "preactMean",
      "preactVar",
      "outputMean",
      "outputVar",
      "deadFraction",
      "saturatedFraction",
      "gradVar",
      "sampled",
    ]);
    const input = result.models[0]!.layers.find((l) => l.name === "input")!;
    expect(input.line).toBe(12);
    expect(input.initializer).toBe("xavier_uniform_(gain=1)");
    expect(json.models[0]!.findings).toEqual([
      expect.objectContaining({ code: "IL101", severity: "warning", line: 13 }),
    ]);
  });

  it("shows hints and hovers, and its LSUV fix brings the variances near 1", async () => {
    const models = await modelsOf(file, text);
    const result = await probeOk(models, { batch: 256 });
    const rows = result.models[0]!.layers;
    const input = rows.find((l) => l.name === "input")!;
    expect(hintLabel(input)).toMatch(/^σ² 0\.\d+ · dead \d+ %$/);
    const hints = probeInlayHints(result.models, text.split("\n"));
    expect(hints.find((h) => h.position.line === 12)?.position.character).toBe(
      text.split("\n")[12]!.length,
    );
    const hover = probeHover(result.models, result.backend.name, { line: 12, character: 10 });
    expect(JSON.stringify(hover)).toContain("Var(W) realised / nominal");

    const findings = probeFindings(models, result, text);
    const fix = findings.find((f) => f.code === "IL101")!.fixes[0]!;
    expect(fix.edits.map((e) => text.split("\n")[e.range.start.line]!.trim())).toEqual([
      "nn.init.xavier_uniform_(self.input.weight)",
      "nn.init.xavier_uniform_(layer.weight)",
    ]);
    expect(fix.edits[1]!.newText).toMatch(/^nn\.init\.normal_\(layer\.weight, std=0\.0\d+\)$/);

    const fixed = applyEdits(text, fix.edits);
    const again = await probeOk(await modelsOf(file, fixed), { batch: 256 });
    const relu = again.models[0]!.layers.filter((l) => l.activation === "relu");
    for (const l of relu)
      (expect(l.preactVar!).toBeGreaterThan(0.4), expect(l.preactVar!).toBeLessThan(2.5));
    expect(again.models[0]!.findings).toEqual([]);
  });
});
