/**
 * The PyTorch front end on hostile and unusual input: a syntax error in one method, deeply
 * nested code, truncated files, constructs it cannot resolve (which must stay unknown), and
 * a generated 10,000-line model zoo.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { collectImports } from "../../server/src/frontends/python/imports";
import { initPython, parsePython } from "../../server/src/frontends/python/parser";
import { extractPytorch } from "../../server/src/frontends/python/pytorch";
import { generateModelFile } from "../bench/generate";
import { describeFixture, describeText, initOf, layer, model, stack } from "./pytorch-helpers";

beforeAll(async () => {
  await initPython();
});

function extract(text: string) {
  const tree = parsePython(text);
  return extractPytorch({ tree, text, uri: "file:///t.py", imports: collectImports(tree) });
}

describe("error tolerance", () => {
  it("reads the rest of a class whose helper method does not parse", () => {
    const file = describeFixture("syntax_error_in_method.py");
    expect(file.syntaxErrors.length).toBeGreaterThan(0);
    const m = model(file, "ConvNet");
    expect(m.orderFromDataFlow).toBe(true);
    expect(stack(m)).toEqual([
      "conv1:conv",
      "relu@1:relu",
      "conv2:conv",
      "relu@2:relu",
      "max_pool2d@1:pooling",
      "dropout:dropout",
      "view@1:flatten",
      "fc1:linear",
      "relu@3:relu",
      "fc2:linear",
      "log_softmax@1:log_softmax",
    ]);
    expect(initOf(layer(m, "fc1"))).toBe("kaiming_normal/call");
  });

  it("survives every truncation of a real model file", () => {
    const text = fs.readFileSync(
      path.join(
        __dirname,
        "..",
        "..",
        "test-fixtures",
        "pytorch",
        "resnet_zero_gamma_fan_out.py",
      ),
      "utf8",
    );
    for (let cut = 0; cut < text.length; cut += 97) {
      const part = extract(text.slice(0, cut));
      expect(part.notes?.filter((n) => n.includes("extraction failed")) ?? []).toEqual([]);
    }
  });

  it("bounds deeply nested expressions and blocks", () => {
    const deepExpr = `${"(".repeat(3000)}1${")".repeat(3000)}`;
    const deepIf = Array.from(
      { length: 400 },
      (_, i) => `${"    ".repeat(i + 2)}if True:`,
    ).join("\n");
    const text = [
      "import torch.nn as nn",
      "class Deep(nn.Module):",
      "    def __init__(self):",
      "        super().__init__()",
      "        self.fc = nn.Linear(4, 4)",
      `        x = ${deepExpr}`,
      deepIf,
      `${"    ".repeat(402)}self.extra = nn.Linear(4, 4)`,
      "    def forward(self, x):",
      `        return self.fc(${"-".repeat(5000)}x)`,
    ].join("\n");
    const result = extract(text);
    expect(result.notes?.filter((n) => n.includes("extraction failed"))).toEqual([]);
    const m = result.models.find((x) => x.id === "Deep")!;
    expect(m.layers[0]?.id).toBe("fc");
  });
});

describe("unknowns stay unknown", () => {
  it("leaves config attributes, required parameters and unknown branches alone", () => {
    const file = describeText(
      [
        "import torch.nn as nn",
        "class Head(nn.Module):",
        "    def __init__(self, config, width, use_norm=None):",
        "        super().__init__()",
        "        self.proj = nn.Linear(config.n_embd, width)",
        "        self.out = nn.Linear(width * 2, 10, bias=config.bias)",
        "        if use_norm:",
        "            self.norm = nn.LayerNorm(width)",
        "        if config.zero_init:",
        "            nn.init.zeros_(self.out.weight)",
        "    def forward(self, x):",
        "        return self.out(self.proj(x))",
      ].join("\n"),
    );
    const m = model(file, "Head");
    expect(layer(m, "proj").params[0]!.shape).toEqual([null, null]);
    expect(layer(m, "out").params[0]!.shape).toEqual([10, null]);
    expect(m.layers.map((l) => l.id)).toEqual(["proj", "out"]);
    // The zeroing depends on the config: the default stands.
    expect(initOf(layer(m, "out"))).toBe("torch_default/default");
  });

  it("uses declaration order when forward cannot be followed", () => {
    const file = describeText(
      [
        "import torch.nn as nn",
        "class Wrapped(nn.Module):",
        "    def __init__(self):",
        "        super().__init__()",
        "        self.a = nn.Linear(8, 8)",
        "        self.b = nn.Linear(8, 2)",
        "    def forward(self, x):",
        "        return run_graph(self, x)",
        "class NoForward(nn.Module):",
        "    def __init__(self):",
        "        super().__init__()",
        "        self.c = nn.Conv1d(1, 4, 3)",
      ].join("\n"),
    );
    expect(model(file, "Wrapped").orderFromDataFlow).toBe(false);
    expect(model(file, "Wrapped").layers.map((l) => l.id)).toEqual(["a", "b"]);
    expect(model(file, "NoForward").orderFromDataFlow).toBe(false);
    expect(file.notes.some((n) => n.includes("Wrapped.forward()"))).toBe(true);
  });
});

describe("less common shapes of model code", () => {
  it("handles literal ModuleLists, nested Sequentials, indexed loops and hasattr dispatch", () => {
    const file = describeText(
      [
        "import torch",
        "import torch.nn as nn",
        "N = 3",
        "class Tower(nn.Module):",
        "    def __init__(self):",
        "        super().__init__()",
        "        self.stem = nn.Sequential(nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8)), nn.SiLU())",
        "        self.blocks = nn.ModuleList([nn.Linear(16, 16), nn.Linear(16, 16)])",
        "        self.acts = nn.ModuleList([nn.ELU(alpha=0.5) for _ in range(N - 1)])",
        "        self.rnn = nn.RNN(16, 32, 2, 'relu', bidirectional=True)",
        "        for m in self.modules():",
        "            if hasattr(m, 'weight') and not isinstance(m, (nn.BatchNorm2d, nn.RNN)):",
        "                nn.init.kaiming_uniform_(m.weight, a=0)",
        "    def forward(self, x):",
        "        x = self.stem(x).mean((2, 3))",
        "        for i in range(len(self.blocks)):",
        "            x = self.acts[i](self.blocks[i](x))",
        "        out, _ = self.rnn(x)",
        "        return torch.sigmoid(out)",
      ].join("\n"),
    );
    const m = model(file, "Tower");
    expect(stack(m)).toEqual([
      "stem.0.0:conv",
      "stem.0.1:norm",
      "stem.1:silu",
      "blocks.0:linear",
      "acts.0:elu",
      "blocks.1:linear",
      "acts.1:elu",
      "rnn:rnn",
      "sigmoid@1:sigmoid",
    ]);
    expect(layer(m, "stem.0.0").accessPath).toBe("self.stem[0][0]");
    expect(layer(m, "acts.1").activation?.alpha).toBe(0.5);
    expect(initOf(layer(m, "stem.0.0"))).toBe("kaiming_uniform/loop");
    expect(initOf(layer(m, "stem.0.1"))).toBe("ones/default");
    const rnn = layer(m, "rnn");
    expect(rnn.params.map((p) => p.name)).toContain("weight_hh_l1_reverse");
    expect(rnn.params.find((p) => p.name === "weight_ih_l1")!.shape).toEqual([32, 64]);
    expect(initOf(rnn, "weight_ih_l0")).toBe("torch_rnn_default/default");
  });
});

describe("a generated 10,000-line model zoo", () => {
  it("describes every model class", () => {
    const text = generateModelFile(10_000);
    const classes = text.split("\n").filter((l) => /^class \w+\(nn\.Module\)/.test(l)).length;
    const result = extract(text);
    expect(result.notes?.filter((n) => n.includes("budget") || n.includes("failed"))).toEqual(
      [],
    );
    expect(result.models).toHaveLength(classes);
    expect(result.models.every((m) => m.layers.length > 0)).toBe(true);
  });
});
