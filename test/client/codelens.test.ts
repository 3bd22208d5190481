/**
 * The CodeLens provider on a real model file: a "Probe" lens on each model's name, and after
 * a probe the summary line built from the measured variances.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { describe as describeFile } from "../../server/src/analysis/analyze";
import { initPython } from "../../server/src/frontends/python/parser";
import type { LayerResult, ModelResult } from "../../server/src/probe/types";
import { codeLenses, formatVariance, probeSummary } from "../../server/src/providers/codelens";

const file = path.join(__dirname, "../e2e/workspace/deep_mlp.py");

function layer(name: string, fanIn: number | null, outputVar: number | null): LayerResult {
  return {
    id: name,
    name,
    kind: fanIn === null ? "activation" : "linear",
    line: 0,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    initializer: null,
    activation: null,
    fanIn,
    fanOut: fanIn,
    weightVar: null,
    weightVarNominal: null,
    preactMean: null,
    preactVar: null,
    outputMean: null,
    outputVar,
    deadFraction: null,
    saturatedFraction: null,
    gradVar: null,
    gradMeanAbs: null,
    saturatedUnitFraction: null,
    inputMeanSquare: null,
    hasNaN: false,
    allZero: false,
    sampled: false,
    notes: [],
  };
}

beforeAll(async () => {
  await initPython();
});

describe("formatVariance", () => {
  it("keeps two significant digits and switches to exponents far from 1", () => {
    expect(formatVariance(1)).toBe("1.0");
    expect(formatVariance(0.00312)).toBe("0.0031");
    expect(formatVariance(0.000244)).toBe("2.4e-4");
    expect(formatVariance(52000)).toBe("5.2e+4");
    expect(formatVariance(0)).toBe("0.0");
  });
});

describe("probeSummary", () => {
  it("summarises the variance from the input to the last measured layer", () => {
    const model: ModelResult = {
      id: "DeepMLP",
      name: "DeepMLP",
      layers: [layer("fc1", 784, 0.5), layer("relu1", null, 0.25), layer("fc2", 256, 0.003)],
      findings: [],
      notes: [],
    };
    expect(probeSummary(model)).toBe("variance 1.0 → 0.0030 over 2 layers");
  });

  it("says nothing when no layer was measured", () => {
    const model: ModelResult = {
      id: "m",
      name: "m",
      layers: [layer("fc", 8, null)],
      findings: [],
      notes: [],
    };
    expect(probeSummary(model)).toBeNull();
  });
});

describe("codeLenses", () => {
  it("puts a Probe lens on the model's name and a summary after a probe", () => {
    const text = fs.readFileSync(file, "utf8");
    const description = describeFile({ uri: `file://${file}`, text, languageId: "python" });
    const model = description.models.find((m) => m.name === "DeepMLP");
    expect(model, "the front end must find DeepMLP").toBeDefined();

    const before = codeLenses(description, new Map());
    expect(before.map((l) => l.command?.title)).toEqual(["Probe"]);
    expect(before[0]?.range.start.line).toBe(
      text.split("\n").indexOf("class DeepMLP(nn.Module):"),
    );
    expect(before[0]?.command?.arguments).toEqual([
      { uri: `file://${file}`, position: model!.nameRange.start },
    ]);

    const probed: ModelResult = {
      id: model!.id,
      name: "DeepMLP",
      layers: [layer("fc1", 784, 0.01)],
      findings: [],
      notes: [],
    };
    const after = codeLenses(description, new Map([[model!.id, probed]]));
    expect(after.map((l) => l.command?.title)).toEqual([
      "Probe",
      "variance 1.0 → 0.010 over 1 layer",
    ]);
  });
});
