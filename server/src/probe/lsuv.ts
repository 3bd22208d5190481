/**
 * The fix from the measurement (LSUV's idea, Mishkin & Matas 2016): for each ReLU-input
 * layer whose measured pre-activation variance is far from 1, the normal std that brings it
 * to 1 once the layers before it are rescaled too, written in the framework's idiom.
 */
import type { Layer, Model, Range } from "../model/types";
import type { Fix, TextEdit } from "../rules/types";
import { reluLike } from "./activations";
import type { LayerResult, ModelResult } from "./types";

/** Layers whose corrected std differs from the current one by more than this share. */
const CHANGE = 0.1;

/**
 * The std per layer id: Var(W) / (q · m), where q = preactVar / E[x²] is the layer's measured
 * gain and m the second moment its input would have after unit-variance pre-activations
 * upstream (1 for the model's input; the previous activation's measured E[f(z)²] / Var(z)).
 */
export function lsuvStds(rows: LayerResult[]): Map<string, number> {
  const out = new Map<string, number>();
  let m = 1;
  for (const row of rows) {
    const ok = row.weightVar && row.preactVar && row.inputMeanSquare && !row.error && row.fanIn;
    if (ok) {
      const q = row.preactVar! / row.inputMeanSquare!;
      const std = Math.sqrt(row.weightVar! / (q * m));
      if (Number.isFinite(std) && Math.abs(std / Math.sqrt(row.weightVar!) - 1) > CHANGE)
        out.set(row.id, std);
    }
    if (row.preactVar && row.outputVar !== null && row.outputMean !== null && row.weightVar) {
      m = (row.outputVar + row.outputMean ** 2) / row.preactVar;
    }
  }
  return out;
}

function fmt(std: number): string {
  return Number(std.toPrecision(3)).toString();
}

function slice(text: string, range: Range): string {
  const lines = text.split(/\r?\n/).slice(range.start.line, range.end.line + 1);
  if (lines.length === 0) return "";
  lines[lines.length - 1] = lines[lines.length - 1]!.slice(0, range.end.character);
  lines[0] = lines[0]!.slice(range.start.character);
  return lines.join("\n");
}

function pytorchEdit(layer: Layer, std: number, text: string): TextEdit | null {
  const prefix = /^\s*(from torch import nn|import torch\.nn as nn)\b/m.test(text)
    ? "nn.init"
    : "torch.nn.init";
  const weight = layer.params.find((p) => p.role === "weight");
  const statement =
    weight && weight.init.origin !== "default" ? weight.init.statementRange : undefined;
  if (statement) {
    // The replaced call keeps its own target as written (`layer.weight` inside a loop); the
    // description holds the call's text range, not its argument's, so take the first argument.
    const target = /\(\s*([^,()]+?)\s*[,)]/.exec(slice(text, statement))?.[1];
    if (!target) return null;
    return { range: statement, newText: `${prefix}.normal_(${target}, std=${fmt(std)})` };
  }
  if (!layer.accessPath || !layer.insertInitAt) return null;
  const call = `${prefix}.normal_(${layer.accessPath}.weight, std=${fmt(std)})`;
  const at = layer.insertInitAt.position;
  return { range: { start: at, end: at }, newText: `${layer.insertInitAt.indent}${call}\n` };
}

function keywordEdit(
  layer: Layer,
  keyword: string,
  value: string,
  separator: string,
): TextEdit | null {
  const call = layer.call;
  if (!call) return null;
  const existing = call.keywords[keyword];
  if (existing) return { range: existing.valueRange, newText: value };
  const end = call.argsRange.end;
  const empty =
    call.argsRange.start.line === end.line && call.argsRange.start.character === end.character;
  return {
    range: { start: end, end },
    newText: `${empty ? "" : ", "}${keyword}${separator}${value}`,
  };
}

function editFor(model: Model, layer: Layer, std: number, text: string): TextEdit | null {
  const s = fmt(std);
  switch (model.framework) {
    case "pytorch":
      return pytorchEdit(layer, std, text);
    case "keras":
      return keywordEdit(
        layer,
        "kernel_initializer",
        `keras.initializers.RandomNormal(stddev=${s})`,
        "=",
      );
    case "tfjs":
      return keywordEdit(
        layer,
        "kernelInitializer",
        `tf.initializers.randomNormal({stddev: ${s}})`,
        ": ",
      );
    case "flax":
      return keywordEdit(layer, "kernel_init", `nn.initializers.normal(stddev=${s})`, "=");
  }
}

/** The LSUV fix for a model's ReLU-input layers, or null when nothing would change. */
export function lsuvFix(model: Model, result: ModelResult, text: string): Fix | null {
  const relu = result.layers.filter((r) =>
    reluLike.has((r.activation ?? "").replace(/\(.*$/, "")),
  );
  const stds = lsuvStds(result.layers);
  // Layers initialised by one statement (a loop over a ModuleList) share one edit, with the
  // median of their stds.
  const byRange = new Map<string, { layer: Layer; stds: number[] }>();
  for (const row of relu) {
    const std = stds.get(row.id);
    const layer = model.layers.find((l) => l.id === row.id);
    if (std === undefined || !layer) continue;
    const probe = editFor(model, layer, std, text);
    if (!probe) continue;
    const key = JSON.stringify(probe.range);
    const entry = byRange.get(key) ?? { layer, stds: [] };
    entry.stds.push(std);
    byRange.set(key, entry);
  }
  const edits: TextEdit[] = [];
  for (const { layer, stds: group } of byRange.values()) {
    const sorted = [...group].sort((a, b) => a - b);
    const edit = editFor(model, layer, sorted[Math.floor(sorted.length / 2)]!, text);
    if (edit) edits.push(edit);
  }
  if (edits.length === 0) return null;
  return {
    title: "Rescale the weights from the probe (LSUV): unit pre-activation variance",
    safe: false,
    edits,
  };
}
