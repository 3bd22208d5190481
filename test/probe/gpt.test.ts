/**
 * GPT-style input stages: the token and position embeddings summed (`wte(idx) + wpe(pos)`)
 * run as one input stage, with the position table looked up at 0..T-1, and the pass goes on
 * past the attention layers it cannot build.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { probeSource } from "../../server/src/cli/probe";
import type { LayerResult } from "../../server/src/probe/types";
import { probeOk } from "./harness";

const file = path.join(__dirname, "models", "torch_gpt.py");
const text = fs.readFileSync(file, "utf8");

async function probeGpt(source: string, inputShape?: string): Promise<LayerResult[]> {
  const { models } = await probeSource("torch_gpt.py", source);
  const gpt = models.filter((m) => m.name === "GPT");
  const result = await probeOk(gpt, { backend: "cpu", batch: 32, seed: 3, inputShape });
  return result.models[0]!.layers;
}

const row = (layers: LayerResult[], name: string) => layers.find((l) => l.name === name)!;

describe("probe GPT-style position embeddings", () => {
  it("adds the position lookup to the token lookup and runs the blocks after it", async () => {
    const layers = await probeGpt(text);
    const wpe = row(layers, "wpe");
    expect(wpe.error).toBeUndefined();
    // normal_(std=0.02): Var 4e-4 for both tables; their independent sum doubles it.
    expect(wpe.weightVarNominal).toBeCloseTo(4e-4, 8);
    expect(wpe.outputVar!).toBeGreaterThan(3e-4);
    expect(wpe.outputVar!).toBeLessThan(5e-4);
    const add = row(layers, "add@1");
    expect(add.error).toBeUndefined();
    expect(add.outputVar!).toBeGreaterThan(6.5e-4);
    expect(add.outputVar!).toBeLessThan(9.5e-4);
    expect(row(layers, "h.0.ln_1").outputVar!).toBeCloseTo(1, 1);
    // The attention layers are reported on their own rows; nothing is left unrun.
    const errors = layers.filter((l) => l.error).map((l) => `${l.name}: ${l.error}`);
    expect(errors).toEqual([
      "h.0.attn: the probe cannot build nn.MultiheadAttention (attention)",
      "h.1.attn: the probe cannot build nn.MultiheadAttention (attention)",
    ]);
    const head = row(layers, "lm_head");
    expect(head.outputVar!).toBeGreaterThan(0);
    expect(head.gradVar!).toBeGreaterThan(0);
    expect(add.gradVar!).toBeGreaterThan(0);
  });

  it("finds the position table by its name when it is written first", async () => {
    const flipped = text.replace(
      "self.wte(idx) + self.wpe(pos)",
      "self.wpe(pos) + self.wte(idx)",
    );
    expect(flipped).not.toEqual(text);
    const layers = await probeGpt(flipped);
    expect(layers.filter((l) => l.error).map((l) => l.name)).toEqual(["h.0.attn", "h.1.attn"]);
    expect(row(layers, "add@1").outputVar!).toBeGreaterThan(6.5e-4);
    expect(row(layers, "add@1").outputVar!).toBeLessThan(9.5e-4);
  });

  it("says so when the sequence is longer than the position table", async () => {
    const layers = await probeGpt(text, "(32,)");
    expect(row(layers, "wpe").error).toBe(
      "the sequence of 32 tokens is longer than the position table (16 rows)",
    );
    expect(row(layers, "lm_head").error).toBe("not run: the pass stopped at wpe");
  });
});
