/**
 * The prediction the probe-result notification carries beside each row: the analytic output
 * variance from the knowledge core. For activations with a nonzero output mean (ReLU, GELU,
 * sigmoid) it must be the variance, not the second moment, to sit on the measured line; it
 * is checked against real probe runs of MLPs under several activations.
 */
import { describe, expect, it } from "vitest";
import type { ActivationName } from "../../server/src/model/types";
import { withPredictions } from "../../server/src/providers/probe-prediction";
import { init, mlp } from "../probe/build";
import { probeOk } from "../probe/harness";

const zeros = init("zeros");

function network(activation: ActivationName, gain: number) {
  return mlp({
    name: `${activation}_mlp`,
    depth: 4,
    width: 256,
    activation,
    weight: () => init("xavier_normal", { gain }),
    bias: zeros,
  });
}

describe("predicted output variance per probe row", () => {
  const cases: [ActivationName, number][] = [
    ["relu", Math.SQRT2],
    ["tanh", 5 / 3],
    ["gelu", 1.5],
    ["sigmoid", 1],
  ];

  it.each(cases)("follows the measured variance through a %s MLP", async (name, gain) => {
    const model = network(name, gain);
    const result = await probeOk([model], { batch: 2048 });
    const rows = withPredictions(model, result.models[0]!).layers;

    expect(rows.map((r) => r.activation)).toEqual(Array(4).fill(name));
    for (const row of rows) {
      const ratio = row.outputVar! / row.predictedVar!;
      expect(
        ratio,
        `${row.name}: measured ${row.outputVar}, predicted ${row.predictedVar}`,
      ).toBeGreaterThan(0.85);
      expect(ratio).toBeLessThan(1.15);
    }
  });

  it("is null for every row of a model the description does not know", async () => {
    const model = network("relu", Math.SQRT2);
    const result = await probeOk([model], { batch: 64 });
    const rows = withPredictions(undefined, result.models[0]!).layers;
    expect(rows.map((r) => r.predictedVar)).toEqual([null, null, null, null]);
  });
});
