/**
 * IL011 (unknown or deprecated initializer names) and IL012 (gain names) on hand-built
 * descriptions, with their fixes applied to real text.
 */
import { describe, expect, it } from "vitest";
import { unknownOrDeprecatedInitializer as il011 } from "../../server/src/rules/il011-unknown-or-deprecated-initializer";
import { gainArgumentMismatch as il012 } from "../../server/src/rules/il012-gain-argument-mismatch";
import type { GainCall, InitCall } from "../../server/src/model/types";
import { applyEdits } from "../helpers/edits";
import { act, file, init, linear, model, rangeOf, run } from "./build";

function initCall(
  text: string,
  callee: string,
  whole: string,
  extra: Partial<InitCall>,
): InitCall {
  return {
    family: "unknown",
    framework: "pytorch",
    spelled: callee,
    args: {},
    range: rangeOf(text, whole),
    calleeRange: rangeOf(text, callee),
    target: "",
    ...extra,
  };
}

describe("IL011", () => {
  it("renames a deprecated PyTorch spelling, safely", () => {
    const text = "nn.init.xavier_uniform(self.fc.weight)\n";
    const c = initCall(text, "nn.init.xavier_uniform", text.trim(), {
      family: "xavier_uniform",
      deprecatedFor: "xavier_uniform_",
    });
    const [finding] = run(il011, file([], { initCalls: [c] }), text);
    expect(finding!.severity).toBe("warning");
    expect(finding!.fixes[0]!.safe).toBe(true);
    expect(applyEdits(text, finding!.fixes[0]!.edits)).toBe(
      "nn.init.xavier_uniform_(self.fc.weight)\n",
    );
  });

  it("suggests the Keras identifier for a typo, keeping the quotes", () => {
    const text = "Dense(64, kernel_initializer='he_normall')\n";
    const c = initCall(text, "'he_normall'", "'he_normall'", {
      framework: "keras",
      spelled: "'he_normall'",
      unknownSuggestions: ["he_normal"],
    });
    const [finding] = run(il011, file([], { initCalls: [c] }), text);
    expect(finding!.severity).toBe("error");
    expect(finding!.message).toBe(
      "he_normall is not a Keras initializer, so building the model fails; did you mean he_normal?",
    );
    expect(applyEdits(text, finding!.fixes[0]!.edits)).toBe(
      "Dense(64, kernel_initializer='he_normal')\n",
    );
  });

  it("maps Keras spelling in TF.js to camelCase and never writes an invalid name", () => {
    const text = 'tf.layers.dense({units: 8, kernelInitializer: "he_normal"});\n';
    const c = initCall(text, '"he_normal"', '"he_normal"', {
      framework: "tfjs",
      spelled: '"he_normal"',
      unknownSuggestions: ["heNormal", "he_normal"],
    });
    const [finding] = run(il011, file([], { initCalls: [c] }), text);
    expect(finding!.message).toContain("TF.js spells it heNormal");
    expect(finding!.fixes.map((f) => f.title)).toEqual(["Change to heNormal"]);
    expect(finding!.fixes[0]!.safe).toBe(true);
  });

  it("is silent on names the front end could not resolve", () => {
    const text = "init_fn(self.fc.weight)\n";
    const c = initCall(text, "init_fn", text.trim(), {});
    expect(run(il011, file([], { initCalls: [c] }), text)).toEqual([]);
  });
});

function gain(text: string, name: string, layerId?: string): GainCall {
  return {
    nonlinearity: name,
    range: rangeOf(text, `nn.init.calculate_gain("${name}")`),
    argRange: rangeOf(text, `"${name}"`),
    ...(layerId ? { layerId, modelId: "Net" } : {}),
  };
}

describe("IL012", () => {
  it("rejects gelu with an error and writes relu instead", () => {
    const text =
      'nn.init.xavier_uniform_(self.fc.weight, gain=nn.init.calculate_gain("gelu"))\n';
    const [finding] = run(il012, file([], { gainCalls: [gain(text, "gelu")] }), text);
    expect(finding!.severity).toBe("error");
    expect(finding!.range).toEqual(rangeOf(text, '"gelu"'));
    expect(finding!.fixes[0]!.title).toContain("ReLU's gain is the usual stand-in");
    expect(applyEdits(text, finding!.fixes[0]!.edits)).toContain('calculate_gain("relu")');
  });

  it("warns when the gain contradicts the activation that follows", () => {
    const text =
      'nn.init.xavier_uniform_(self.fc.weight, gain=nn.init.calculate_gain("tanh"))\n';
    const initRange = rangeOf(text, text.trim());
    const layers = [
      linear("fc", 64, 64, {
        weight: init("xavier_uniform", { gain: 5 / 3 }, { range: initRange }),
      }),
      act("r", "relu"),
      linear("out", 64, 1),
    ];
    const f = file([model(layers)], { gainCalls: [gain(text, "tanh", "fc")] });
    const [finding] = run(il012, f, text);
    expect(finding!.severity).toBe("warning");
    expect(finding!.message).toBe(
      '"tanh" sets gain 1.7, but fc feeds ReLU, whose gain is 1.4 ("relu")',
    );
    expect(applyEdits(text, finding!.fixes[0]!.edits)).toContain('calculate_gain("relu")');
  });

  it("checks kaiming's nonlinearity= against the activation, and accepts a fitting one", () => {
    const text = "nn.init.kaiming_normal_(self.fc.weight, nonlinearity='relu')\n";
    const r = rangeOf(text, text.trim());
    const c: InitCall = {
      family: "kaiming_normal",
      framework: "pytorch",
      spelled: "nn.init.kaiming_normal_",
      args: { nonlinearity: "relu" },
      range: r,
      calleeRange: rangeOf(text, "nn.init.kaiming_normal_"),
      target: "self.fc.weight",
    };
    const weight = init("kaiming_normal", { nonlinearity: "relu" }, { range: r });
    const tanhNet = [linear("fc", 8, 8, { weight }), act("t", "tanh"), linear("o", 8, 1)];
    const [finding] = run(il012, file([model(tanhNet)], { initCalls: [c] }), text);
    expect(finding!.range).toEqual(rangeOf(text, "'relu'"));
    expect(applyEdits(text, finding!.fixes[0]!.edits)).toContain("nonlinearity='tanh'");
    const reluNet = [linear("fc", 8, 8, { weight }), act("r", "relu"), linear("o", 8, 1)];
    expect(run(il012, file([model(reluNet)], { initCalls: [c] }), text)).toEqual([]);
  });
});
