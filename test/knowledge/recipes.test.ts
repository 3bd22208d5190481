/**
 * The deliberate recipes of KNOWLEDGE.md §5, recognised from descriptions, and the pairing of
 * layers with the activations they feed.
 */
import { describe, expect, it } from "vitest";
import { findStacks, pairLayers } from "../../server/src/model/pairing";
import { recipeFor } from "../../server/src/knowledge/recipes";
import { suggestInitializerNames } from "../../server/src/knowledge/identifiers";
import type { Layer } from "../../server/src/model/types";
import { act, file, init, linear, model, norm } from "../rules/build";

function recipeOf(layers: Layer[], id: string) {
  const m = model(layers);
  const f = file([m]);
  const layer = layers.find((l) => l.id === id)!;
  const pairing = pairLayers(m).find((p) => p.layer === layer) ?? null;
  return recipeFor({ file: f, model: m, layer, pairing })?.id ?? null;
}

function withGamma(layer: Layer, gamma: ReturnType<typeof init>): Layer {
  return {
    ...layer,
    params: [{ role: "normWeight", name: "weight", shape: [64], init: gamma }],
  };
}

describe("recipes", () => {
  it("recognises GPT-2's N(0, 0.02) when a LayerNorm is in the file", () => {
    const layers = [
      linear("c_fc", 64, 256, { weight: init("normal", { std: 0.02 }) }),
      act("gelu", "gelu"),
      linear("c_proj", 256, 64, { weight: init("normal", { std: 0.02 / Math.sqrt(24) }) }),
      norm("ln", "layer"),
    ];
    expect(recipeOf(layers, "c_proj")).toBe("gpt2");
    expect(recipeOf(layers.slice(0, 3), "c_proj")).toBeNull();
  });

  it("recognises DCGAN's conv N(0, 0.02) with BatchNorm N(1, 0.02)", () => {
    const conv = {
      ...linear("conv", 3, 64, { weight: init("normal", { std: 0.02 }) }),
      kind: "conv" as const,
    };
    const bn = withGamma(norm("bn"), init("normal", { mean: 1, std: 0.02 }));
    expect(recipeOf([conv, bn, act("r", "relu")], "conv")).toBe("dcgan");
  });

  it("recognises RL orthogonal gains sqrt(2), 0.01 and 1", () => {
    const layers = [
      linear("fc", 64, 64, { weight: init("orthogonal", { gain: Math.SQRT2 }) }),
      act("t", "tanh"),
      linear("pi", 64, 4, { weight: init("orthogonal", { gain: 0.01 }) }),
    ];
    expect(recipeOf(layers, "fc")).toBe("rl-orthogonal");
    expect(recipeOf(layers, "pi")).toBe("rl-orthogonal");
  });

  it("tells zero output heads, Fixup branches and LoRA B apart from hidden zeros", () => {
    const zero = init("zeros");
    const head = [linear("fc", 8, 8), act("r", "relu"), linear("out", 8, 2, { weight: zero })];
    expect(recipeOf(head, "out")).toBe("zero-output-head");
    const branch: Layer[] = [
      linear("conv1", 8, 8),
      act("r", "relu"),
      linear("conv2", 8, 8, { weight: zero }),
      { ...act("add", "relu"), kind: "add", activation: undefined, addFrom: "input" },
      linear("next", 8, 8),
    ];
    expect(recipeOf(branch, "conv2")).toBe("fixup");
    const lora = [
      linear("lora_A", 8, 2),
      linear("lora_B", 2, 8, { weight: zero }),
      linear("o", 8, 8),
    ];
    expect(recipeOf(lora, "lora_B")).toBe("lora-b");
    const hidden = [
      linear("fc1", 8, 8, { weight: zero }),
      act("r", "relu"),
      linear("fc2", 8, 8),
    ];
    expect(recipeOf(hidden, "fc1")).toBeNull();
  });

  it("recognises zero-gamma norms, position embeddings, VGG heads and prior biases", () => {
    expect(recipeOf([withGamma(norm("bn3"), init("zeros"))], "bn3")).toBe(
      "zero-gamma-residual",
    );
    const pos = {
      ...linear("pos_embedding", 1, 64, { weight: init("zeros") }),
      kind: "embedding" as const,
    };
    expect(recipeOf([pos], "pos_embedding")).toBe("position-embedding");
    expect(
      recipeOf([linear("fc", 4096, 4096, { weight: init("normal", { std: 0.01 }) })], "fc"),
    ).toBe("vgg-head");
    const cls = linear("cls", 256, 9, { bias: init("constant", { value: -Math.log(99) }) });
    expect(recipeOf([linear("f", 8, 256), act("r", "relu"), cls], "cls")).toBe(
      "retinanet-prior",
    );
  });
});

describe("pairing", () => {
  it("follows dropout to the activation and stops at norms and residual joins", () => {
    const layers: Layer[] = [
      linear("fc1", 8, 8),
      { ...act("drop", "relu"), kind: "dropout", activation: undefined },
      act("r1", "relu"),
      linear("fc2", 8, 8),
      norm("bn"),
      act("r2", "tanh"),
      linear("fc3", 8, 8),
    ];
    const [p1, p2, p3] = pairLayers(model(layers));
    expect(p1?.activation?.name).toBe("relu");
    expect(p1?.activationSource).toBe("preactivation");
    expect(p1?.next?.id).toBe("fc2");
    expect(p2?.normFollows).toBe(true);
    expect(p2?.activation?.name).toBe("tanh");
    expect(p3?.isOutput).toBe(true);
    expect(findStacks(pairLayers(model(layers))).map((s) => s.map((p) => p.layer.id))).toEqual([
      ["fc1", "fc2"],
      ["fc3"],
    ]);
  });

  it("trusts only fused activations when the order is declaration order", () => {
    const m = {
      ...model([linear("a", 8, 8), act("r", "relu"), linear("b", 8, 8, { fused: "tanh" })]),
    };
    m.orderFromDataFlow = false;
    const [a, b] = pairLayers(m);
    expect(a?.activation).toBeNull();
    expect(b?.activation?.name).toBe("tanh");
  });
});

describe("identifier suggestions", () => {
  it("maps Keras spelling to TF.js's camelCase and catches typos", () => {
    expect(suggestInitializerNames("tfjs", "he_normal")[0]).toBe("heNormal");
    expect(suggestInitializerNames("keras", "he_normall")[0]).toBe("he_normal");
    expect(suggestInitializerNames("keras", "HeNormall")[0]).toBe("HeNormal");
    expect(suggestInitializerNames("pytorch", "xavier_unifrom_")[0]).toBe("xavier_uniform_");
    expect(suggestInitializerNames("flax", "completely_else")).toEqual([]);
  });
});
