/**
 * IL002 (symmetric init) and IL003 (fan-based init on a 1-D tensor) on hand-built
 * descriptions, with their fixes applied to real text.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { initPython } from "../../server/src/frontends/python/parser";
import { symmetricInit } from "../../server/src/rules/il002-symmetric-init";
import { fanInitOn1dTensor } from "../../server/src/rules/il003-fan-init-on-1d-tensor";
import type { InitCall, Layer } from "../../server/src/model/types";
import { applyEdits } from "../helpers/edits";
import { act, file, init, linear, model, rangeOf, run } from "./build";

beforeAll(async () => {
  await initPython();
});

describe("IL002", () => {
  it("reports a zeroed hidden layer as an error and fixes it for the ReLU behind it", () => {
    const text = "import torch.nn as nn\n\nnn.init.zeros_(self.fc1.weight)\n";
    const call = "nn.init.zeros_(self.fc1.weight)";
    const layers = [
      linear("fc1", 64, 64, { weight: init("zeros", {}, { range: rangeOf(text, call) }) }),
      act("r", "relu"),
      linear("fc2", 64, 10),
    ];
    const initCalls: InitCall[] = [
      {
        family: "zeros",
        framework: "pytorch",
        spelled: "nn.init.zeros_",
        args: {},
        range: rangeOf(text, call),
        calleeRange: rangeOf(text, "nn.init.zeros_"),
        target: "self.fc1.weight",
      },
    ];
    const [finding, ...rest] = run(symmetricInit, file([model(layers)], { initCalls }), text);
    expect(rest).toEqual([]);
    expect(finding!.severity).toBe("error");
    expect(finding!.message).toContain("fc1's weights all start at zero");
    expect(applyEdits(text, finding!.fixes[0]!.edits)).toBe(
      'import torch.nn as nn\n\nnn.init.kaiming_normal_(self.fc1.weight, nonlinearity="relu")\n',
    );
  });

  it("leaves zero output heads, residual branch ends and LoRA B alone", () => {
    const zero = init("zeros");
    const head = [linear("fc", 8, 8), act("r", "relu"), linear("out", 8, 2, { weight: zero })];
    const branch: Layer[] = [
      linear("c1", 8, 8),
      act("r", "relu"),
      linear("c2", 8, 8, { weight: zero }),
      { ...act("add", "relu"), kind: "add", activation: undefined, addFrom: "c1" },
      linear("c3", 8, 8),
    ];
    const lora = [linear("lora_B", 2, 8, { weight: zero }), linear("proj", 8, 8)];
    const f = file([
      model(head, "pytorch", "A"),
      model(branch, "pytorch", "B"),
      model(lora, "pytorch", "C"),
    ]);
    expect(run(symmetricInit, f)).toEqual([]);
  });

  it("catches constant Keras kernels too", () => {
    const k = init("constant", { value: 0.5 }, { framework: "keras", origin: "argument" });
    const layers = [
      linear("d1", 8, 8, { framework: "keras", weight: k, fused: "tanh" }),
      linear("d2", 8, 1, { framework: "keras" }),
    ];
    const [finding] = run(symmetricInit, file([model(layers, "keras")]));
    expect(finding!.message).toContain("all start at 0.5");
  });
});

function call(
  text: string,
  spelled: string,
  target: string,
  extra: Partial<InitCall>,
): InitCall {
  const whole = `${spelled}(${target})`;
  return {
    family: "xavier_uniform",
    framework: "pytorch",
    spelled,
    args: {},
    range: rangeOf(text, whole),
    calleeRange: rangeOf(text, spelled),
    target,
    ...extra,
  };
}

describe("IL003", () => {
  it("guards an unguarded loop over parameters()", () => {
    const text =
      "import torch.nn as nn\nfor p in model.parameters():\n    nn.init.xavier_uniform_(p)\n";
    const c = call(text, "nn.init.xavier_uniform_", "p", {
      targetIs1d: "unguarded-parameter-loop",
    });
    const [finding] = run(
      fanInitOn1dTensor,
      file([], { initCalls: [c], frameworks: ["pytorch"] }),
      text,
    );
    expect(finding!.severity).toBe("error");
    expect(finding!.message).toContain("PyTorch raises ValueError");
    expect(applyEdits(text, finding!.fixes[0]!.edits)).toBe(
      "import torch.nn as nn\nfor p in model.parameters():\n    if p.dim() > 1: nn.init.xavier_uniform_(p)\n",
    );
  });

  it("zeroes a bias instead, and sets a norm weight to ones", () => {
    const text =
      "from torch.nn import init\ninit.kaiming_normal_(self.fc.bias)\ninit.orthogonal_(self.bn.weight)\n";
    const bias = call(text, "init.kaiming_normal_", "self.fc.bias", {
      family: "kaiming_normal",
      targetIs1d: "bias",
    });
    const gamma = call(text, "init.orthogonal_", "self.bn.weight", {
      family: "orthogonal",
      targetIs1d: "norm",
    });
    const findings = run(fanInitOn1dTensor, file([], { initCalls: [bias, gamma] }), text);
    expect(applyEdits(text, findings[0]!.fixes[0]!.edits)).toContain(
      "init.zeros_(self.fc.bias)",
    );
    expect(applyEdits(text, findings[1]!.fixes[0]!.edits)).toContain(
      "init.ones_(self.bn.weight)",
    );
  });

  it("ignores 2-D targets and initializers that need no fans", () => {
    const text = "nn.init.normal_(self.fc.bias)\nnn.init.xavier_uniform_(self.fc.weight)\n";
    const normal = call(text, "nn.init.normal_", "self.fc.bias", {
      family: "normal",
      targetIs1d: "bias",
    });
    const weight = call(text, "nn.init.xavier_uniform_", "self.fc.weight", {});
    expect(run(fanInitOn1dTensor, file([], { initCalls: [normal, weight] }), text)).toEqual([]);
  });
});
