/**
 * IL004-IL013 on real source (facts from tree-sitter) and, where a rule reads layer
 * descriptions, on small hand-built models: what fires, what stays silent, what fixes say.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { initPython } from "../../server/src/frontends/python/parser";
import { uninitializedParameter } from "../../server/src/rules/il004-uninitialized-parameter";
import { initNeverApplied } from "../../server/src/rules/il005-init-never-applied";
import { reinitAfterPretrained } from "../../server/src/rules/il006-reinit-after-pretrained";
import { recurrentInit } from "../../server/src/rules/il007-recurrent-init";
import { fixedScaleInit } from "../../server/src/rules/il008-fixed-scale-init";
import { fragileInitDispatch } from "../../server/src/rules/il009-fragile-init-dispatch";
import { eagerLargeModelInit } from "../../server/src/rules/il010-eager-large-model-init";
import { missingSeed } from "../../server/src/rules/il013-missing-seed";
import { defaultConfig } from "../../server/src/config/effective";
import { check, fileOf, where } from "./helpers";
import { init, layer, model, param, torchLstm } from "./layers";
import { applyEdits } from "../helpers/edits";

beforeAll(async () => {
  await initPython();
});

const header = "import torch\nimport torch.nn as nn\n\n";

describe("IL004 uninitialized-parameter", () => {
  const text = `${header}class Scale(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.gamma = nn.Parameter(torch.Tensor(dim))
        self.proj = nn.Parameter(torch.empty(dim, dim))
        nn.init.orthogonal_(self.proj)
`;

  it("fires on the attribute no init reaches and offers a neutral init line", () => {
    const findings = check(uninitializedParameter, text);
    expect(findings.map(where)).toEqual(["7:35 IL004 warning"]);
    const fixed = applyEdits(text, findings[0]!.fixes[0]!.edits);
    expect(fixed).toContain("torch.Tensor(dim))\n        nn.init.ones_(self.gamma)\n");
    expect(check(uninitializedParameter, fixed)).toEqual([]);
  });

  it("trusts reset_parameters() in a subclass of a library layer", () => {
    const sub = `${header}class Masked(nn.Linear):
    def __init__(self, i, o):
        super().__init__(i, o)
        self.mask = nn.Parameter(torch.empty(o, i))

    def reset_parameters(self):
        super().reset_parameters()
        nn.init.ones_(self.mask)
`;
    expect(check(uninitializedParameter, sub)).toEqual([]);
  });
});

describe("IL005 init-never-applied", () => {
  it("fires on a private init method nobody calls, in a library file too", () => {
    const text = `${header}class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def _init_weights(self, m):
        nn.init.zeros_(m.bias)
`;
    expect(check(initNeverApplied, text).map(where)).toEqual(["9:9 IL005 warning"]);
  });

  it("leaves a public init function of a library file alone", () => {
    const text = `${header}def init_weights(m):\n    nn.init.zeros_(m.bias)\n`;
    expect(check(initNeverApplied, text)).toEqual([]);
  });

  it("stays silent when a submodule cannot be classified", () => {
    const text = `${header}import timm

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = timm.create_model("resnet50")
        self.apply(self._init)

    def _init(self, m):
        if isinstance(m, nn.Conv2d):
            nn.init.zeros_(m.weight)
`;
    expect(check(initNeverApplied, text)).toEqual([]);
  });
});

describe("IL006 reinit-after-pretrained", () => {
  const body = (lines: string) => `${header}import torchvision\n\ndef build():\n${lines}`;

  it("fires when an init loop runs after from_pretrained", () => {
    const text = body(`    model = Auto.from_pretrained("bert-base-uncased")
    for m in model.modules():
        if isinstance(m, nn.Linear):
            nn.init.xavier_uniform_(m.weight)
    return model
`);
    const findings = check(reinitAfterPretrained, text);
    expect(findings.map(where)).toEqual(["8:5 IL006 warning"]);
    expect(findings[0]!.related?.[0]?.range.start.line).toBe(6);
  });

  it("is silent for init then load, and for a head replaced after loading", () => {
    const text = body(`    model = torchvision.models.resnet18(pretrained=True)
    model.fc = nn.Linear(512, 3)
    nn.init.zeros_(model.fc.weight)
    other = torchvision.models.resnet18()
    other.apply(lambda m: nn.init.zeros_(m.weight) if isinstance(m, nn.Linear) else None)
    other.load_state_dict(torch.load("w.pt"))
    return model, other
`);
    expect(check(reinitAfterPretrained, text)).toEqual([]);
  });
});

describe("IL007 recurrent-init", () => {
  it("reports a default PyTorch LSTM once, with a gate-aware fix", () => {
    const text = `${header}class LM(nn.Module):\n    def __init__(self):\n        self.rnn = nn.LSTM(512, 512)\n`;
    const lstm = torchLstm(6, 512, init("torch_rnn_default", "pytorch", { origin: "default" }));
    const findings = check(recurrentInit, text, [model("LM", [lstm])]);
    expect(findings.map(where)).toEqual(["7:20 IL007 information"]);
    expect(findings[0]!.message).toContain("forget-gate bias");
    const edit = findings[0]!.fixes[0]!.edits[0]!.newText;
    expect(edit).toContain("for gate in p.data.chunk(4, 0):");
    expect(edit).toContain(
      'elif "bias_ih" in name:\n                p.data[p.shape[0] // 4 : p.shape[0] // 2].fill_(1.0)',
    );
  });

  it("stays silent on a toy-sized layer", () => {
    const lstm = torchLstm(6, 8, init("torch_rnn_default", "pytorch", { origin: "default" }));
    expect(check(recurrentInit, header, [model("Toy", [lstm])])).toEqual([]);
  });

  it("flags Keras unit_forget_bias=False but not the Keras default", () => {
    const off = layer("lstm", 3, { unitForgetBias: false, hiddenSize: 128 });
    const on = layer("lstm", 4, { unitForgetBias: true, hiddenSize: 128 });
    const file = fileOf(header, [model("M", [off, on], "keras")]);
    const findings = recurrentInit.check({
      file,
      text: header,
      options: defaultConfig().options,
    });
    expect(findings.map(where)).toEqual(["4:20 IL007 information"]);
  });
});

describe("IL008 fixed-scale-init", () => {
  const linear = (line: number, std: number) =>
    layer("linear", line, {
      inFeatures: 1024,
      outFeatures: 1024,
      params: [
        param("weight", "weight", [1024, 1024], init("normal", "pytorch", { args: { std } })),
      ],
    });

  it("fires on N(0, 1) over fan_in 1024 and names the ratio", () => {
    const findings = check(fixedScaleInit, header, [model("M", [linear(3, 1)])]);
    expect(findings.map(where)).toEqual(["4:9 IL008 warning"]);
    expect(findings[0]!.message).toContain("23x");
  });

  it("is silent on 0.02, and on N(0, 1) followed by a norm", () => {
    const norm = layer("norm", 4, { norm: "layer" });
    const act = layer("activation", 5);
    expect(check(fixedScaleInit, header, [model("A", [linear(3, 0.02)])])).toEqual([]);
    expect(check(fixedScaleInit, header, [model("B", [linear(3, 1), act, norm])])).toEqual([]);
  });
});

describe("IL009 fragile-init-dispatch", () => {
  it("does not count a class that inherits a matching layer", () => {
    const text = `${header}class ConvWS(nn.Conv2d):
    pass

def init(m):
    if m.__class__.__name__.startswith("Conv"):
        nn.init.kaiming_normal_(m.weight)
`;
    expect(check(fragileInitDispatch, text)).toEqual([]);
    const container = text.replace("class ConvWS(nn.Conv2d):", "class ConvStack(nn.Module):");
    expect(check(fragileInitDispatch, container).map(where)).toEqual(["8:8 IL009 warning"]);
  });
});

describe("IL010 eager-large-model-init", () => {
  const text = `${header}def load(path):
    model = Big()
    model.load_state_dict(torch.load(path))
    return model
`;
  const big = model("Big", [
    layer("linear", 1, {
      params: [param("weight", "weight", [50000, 4096], init("torch_default"))],
    }),
  ]);

  it("follows the threshold option", () => {
    const file = fileOf(text, [big]);
    const run = (largeModelParams: number) =>
      eagerLargeModelInit.check({
        file,
        text,
        options: { ...defaultConfig().options, largeModelParams },
      });
    expect(run(1e9)).toEqual([]);
    expect(run(1e8).map(where)).toEqual(["5:13 IL010 warning"]);
  });

  it("is silent when the model is built on the meta device", () => {
    const meta = text.replace(
      "    model = Big()",
      '    with torch.device("meta"):\n        model = Big()',
    );
    const file = fileOf(meta, [big]);
    const options = { ...defaultConfig().options, largeModelParams: 1e8 };
    expect(eagerLargeModelInit.check({ file, text: meta, options })).toEqual([]);
  });
});

describe("IL013 missing-seed", () => {
  const script = `${header}class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 1)

if __name__ == "__main__":
    model = Net()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    loss = model(torch.randn(8, 4)).pow(2).mean()
    loss.backward()
    opt.step()
`;

  it("fires in a script and its fix seeds torch on the line before", () => {
    const findings = check(missingSeed, script);
    expect(findings.map(where)).toEqual(["10:13 IL013 information"]);
    const fixed = applyEdits(script, findings[0]!.fixes[0]!.edits);
    expect(fixed).toContain("    torch.manual_seed(0)\n    model = Net()\n");
    expect(check(missingSeed, fixed)).toEqual([]);
  });

  it("is silent for a library and when only numpy is seeded it still fires", () => {
    const library = script.slice(0, script.indexOf("if __name__"));
    expect(check(missingSeed, library)).toEqual([]);
    const numpyOnly = script.replace(
      "    model = Net()",
      "    np.random.seed(0)\n    model = Net()",
    );
    expect(check(missingSeed, `import numpy as np\n${numpyOnly}`).map(where)).toEqual([
      "12:13 IL013 information",
    ]);
  });

  it("is silent for a model file whose __main__ block only runs a forward pass", () => {
    const smoke =
      script.slice(0, script.indexOf("    opt =")) + "    print(model(torch.randn(2, 4)))\n";
    expect(smoke).toContain('if __name__ == "__main__":');
    expect(check(missingSeed, smoke)).toEqual([]);
  });
});
