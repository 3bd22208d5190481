/**
 * The torch fact collector on real source: what counts as an init, how scope events are
 * ordered, which parameters are uninitialised and which dispatch shapes are recognised.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { initPython } from "../../server/src/frontends/python/parser";
import { factsOf } from "./helpers";

beforeAll(async () => {
  await initPython();
});

const source = `
import torch
import torch.nn as nn
from torchvision.models import resnet50, ResNet50_Weights


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = resnet50(weights=ResNet50_Weights.DEFAULT)
        self.w = nn.Parameter(torch.empty(16, 32))
        self.b = nn.Parameter(torch.Tensor([1.0, 2.0]))
        self.register_parameter("q", nn.Parameter(torch.Tensor(8)))
        self.apply(self._init_weights)
        self.reset_parameters()

    def reset_parameters(self):
        self.w.data.normal_(0.0, 0.02)

    def _init_weights(self, m):
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.xavier_uniform_(m.weight)
            if hasattr(m, "bias"):
                nn.init.zeros_(m.bias)


def weights_init(m):
    classname = m.__class__.__name__
    if classname.find("Conv") != -1:
        m.weight.data.normal_(0.0, 0.02)
    elif "Norm" in type(m).__name__:
        m.bias.data.fill_(0)


if __name__ == "__main__":
    with torch.device("meta"):
        big = Net()
    model = Net().to("cuda")
    model.load_state_dict(torch.load("x.pt"))
    for p in model.parameters():
        nn.init.normal_(p)
    np_seed = 0
    loss = model(torch.randn(1, 3, 8, 8)).sum()
    loss.backward()
`;

describe("collectTorchFacts", () => {
  it("finds the parameters created without values, not those built from data", () => {
    const facts = factsOf(source);
    const params = facts.uninitParams.map((p) => `${p.attr} ${p.ctor} ${p.dims}`);
    expect(params).toEqual(["w torch.empty 2", "q torch.Tensor 1"]);
  });

  it("orders module-scope events: construct, move, load, then the init loop", () => {
    const facts = factsOf(source);
    const module = facts.events.filter((e) => e.scope === "<module>");
    const shown = module.map(
      (e) => `${e.kind}${e.initKind ? `:${e.initKind}` : ""} ${e.target}`,
    );
    expect(shown).toEqual([
      "construct big",
      "construct model",
      "move model",
      "load model",
      "init:loop model",
      "init:call p",
    ]);
    expect(module[0]!.deferred).toBe(true);
    expect(module[1]!.deferred).toBe(false);
  });

  it("records pretrained loads, apply calls and self calls in the constructor", () => {
    const facts = factsOf(source);
    const ctor = facts.events.filter(
      (e) => e.scope === "Net.__init__" && e.kind !== "construct",
    );
    expect(ctor.map((e) => `${e.kind} ${e.target} ${e.via ?? e.fn ?? e.callee ?? ""}`)).toEqual(
      [
        "load self.backbone weights",
        "selfCall self register_parameter",
        "init self self._init_weights",
        "selfCall self reset_parameters",
      ],
    );
  });

  it("sees an in-place init through .data as an init of the parameter itself", () => {
    const facts = factsOf(source);
    const reset = facts.events.filter((e) => e.scope === "Net.reset_parameters");
    expect(reset.map((e) => `${e.initKind} ${e.target}`)).toEqual(["inplace self.w"]);
  });

  it("describes init functions: reason, isinstance filter, filter-only", () => {
    const facts = factsOf(source);
    const init = facts.functions.find((f) => f.name === "_init_weights")!;
    expect(init.initReason).toBe("name");
    expect(init.isinstanceTypes).toEqual(["torch.nn.Linear", "torch.nn.Conv2d"]);
    expect(init.filterOnly).toBe(true);
    const dcgan = facts.functions.find((f) => f.name === "weights_init")!;
    expect(dcgan.filterOnly).toBe(false);
  });

  it("finds class-name substring tests and unguarded hasattr bias checks", () => {
    const facts = factsOf(source);
    expect(
      facts.classNameTests.map((t) => `${t.substring} ${t.mode} ${t.functionName}`),
    ).toEqual(["Conv contains weights_init", "Norm contains weights_init"]);
    expect(facts.hasattrBias.map((h) => `${h.object} ${h.range.start.line}`)).toEqual(["m 22"]);
  });

  it("knows the script markers and that no torch seed is set", () => {
    const facts = factsOf(source);
    expect(facts.script.mainGuard?.start.line).toBe(34);
    expect(facts.script.trainingStep?.start.line).toBe(43);
    expect(facts.script.seeds).toEqual([]);
    const seeded = factsOf(
      "import numpy as np\nimport torch\nnp.random.seed(0)\ntorch.manual_seed(0)\n",
    );
    expect(seeded.script.seeds).toEqual(["torch.manual_seed"]);
  });

  it("recognises per-gate orthogonal inits and forget-bias slices", () => {
    const facts = factsOf(`
import torch.nn as nn
lstm = nn.LSTM(8, 64)
for name, p in lstm.named_parameters():
    if "weight_hh" in name:
        for gate in p.data.chunk(4, 0):
            nn.init.orthogonal_(gate)
    elif "bias" in name:
        p.data[64:128].fill_(1.0)
`);
    expect(facts.chunkedOrthogonal.map((r) => r.start.line)).toEqual([6]);
    expect(facts.forgetBiasSet.map((r) => r.start.line)).toEqual([8]);
  });

  it("never throws on broken source", () => {
    const facts = factsOf(
      "class Net(nn.Module:\n    def __init__(self\n        self.w = nn.Parameter(",
    );
    expect(facts.uninitParams).toEqual([]);
  });
});
