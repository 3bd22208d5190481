/**
 * The probe's pass over one model: a seeded standard-normal batch (or random token ids)
 * forward through the layers one at a time, statistics per row, then the backward pass.
 * Layers are built, run and freed one at a time; built layers are kept for the backward
 * pass only while they fit the memory budget, and rebuilt from the seed otherwise.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Model } from "../model/types";
import { applyActivation } from "./activations";
import { backward, withFallback } from "./backward";
import { buildStep, passesThrough, type SavedOutputs } from "./build-layer";
import { checkModel } from "./checks";
import type { BuiltLayer, SignalMeta } from "./layers/types";
import type { DrawContext } from "./params";
import { embeddingRows, planInput, planRows } from "./plan";
import { findPositionStage, positionIds, type PositionStage } from "./positions";
import { CounterRng, rowsUpTo } from "./rng";
import { describeBuilt, emptyRow, type Step } from "./rows";
import { forwardStats, tidyValue } from "./stats";
import type { BackendReport, ModelResult, ProbeOptions } from "./types";

/** Called after each forward and backward row. */
export type ProgressFn = (done: number, total: number, label: string) => void;

function seededInput(
  options: ProbeOptions,
  plan: { shape: number[]; vocab: number; tokens: boolean },
): tf.Tensor {
  const rng = new CounterRng(options.seed, "input");
  const per = plan.shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(options.batch * per);
  if (plan.tokens) {
    for (let b = 0; b < options.batch; b++) {
      for (let i = 0; i < per; i++)
        values[b * per + i] = Math.floor(rng.uniform(b, i) * plan.vocab);
    }
  } else rng.fillNormal(values, rowsUpTo(options.batch), per);
  const shape = [options.batch, ...plan.shape];
  return plan.tokens ? tf.tensor(values, shape, "int32") : tf.tensor(values, shape);
}

function makeSteps(model: Model): { steps: Step[]; stage: PositionStage | null } {
  const rows = planRows(model);
  const stage = findPositionStage(rows);
  const rowOf = new Map<string, number>();
  rows.forEach((r, i) => {
    rowOf.set(r.layer.id, i);
    if (r.activationLayer) rowOf.set(r.activationLayer.id, i);
  });
  const steps: Step[] = rows.map((row) => ({
    row,
    result: emptyRow(row, model.framework),
    input: null,
    inMeta: null,
    pre: null,
    built: null,
    addFrom: row.layer.addFrom !== undefined ? (rowOf.get(row.layer.addFrom) ?? null) : null,
  }));
  if (stage) {
    // The add joins the two lookups whichever one the description names as its source; the
    // main signal is the token lookup's output, the position lookup a side branch.
    steps[stage.position]!.side = true;
    steps[stage.add]!.addFrom = stage.position;
  }
  return { steps, stage };
}

/** Probes one model. */
export function probeModel(
  model: Model,
  options: ProbeOptions,
  report: BackendReport,
  progress: ProgressFn,
): ModelResult {
  const notes: string[] = [];
  const base: ModelResult = { id: model.id, name: model.name, layers: [], findings: [], notes };
  const plan = planInput(model, options.inputShape, options.steps);
  if (!plan.ok) return { ...base, error: plan.message };

  const { steps, stage } = makeSteps(model);
  const vocab = stage ? embeddingRows(steps[stage.token]!.row.layer) : plan.vocab;
  const ctx: DrawContext = {
    seed: options.seed,
    modelId: model.id,
    framework: model.framework,
    budgetBytes: options.memoryBudgetBytes,
    notes,
  };
  const readBack = new Set(steps.map((s) => s.addFrom).filter((i) => i !== null));
  const width = plan.shape.at(-1)!;
  let meta: SignalMeta = {
    shape: plan.shape,
    present: width,
    full: width,
    tokens: plan.tokens,
  };
  const tokenMeta = meta;
  let x = seededInput(options, { ...plan, vocab });
  const saved: SavedOutputs = new Map();
  const keep = new Set<tf.Tensor>();
  let inputBytes = 0;
  let weightBytes = 0;
  let gradients = true;
  let stopped: string | null = null;

  for (const [i, step] of steps.entries()) {
    progress(i, steps.length * 2, step.row.layer.name);
    const result = step.result;
    if (stopped) {
      result.error = `not run: the pass stopped at ${stopped}`;
      continue;
    }
    const act = step.row.activation;
    ctx.notes = result.notes;
    let built: BuiltLayer;
    let out: tf.Tensor;
    let pre: tf.Tensor | null = null;
    // A side branch (the position lookup) reads the ids 0..T-1, not the main signal.
    let input = x;
    const inMeta = step.side ? tokenMeta : meta;
    try {
      if (step.side) {
        if (!tokenMeta.tokens) throw new Error("a position embedding needs token ids as input");
        input = positionIds(step.row.layer, options.batch, plan.shape[0]!);
      }
      built = buildStep(step, inMeta, saved, ctx);
      const run = withFallback(report, step.row.layer.name, () =>
        tidyValue(() => {
          const pre = built.forward(input);
          const y = act ? applyActivation(pre, act, model.framework) : pre;
          const stats = forwardStats({
            x: inMeta.tokens ? null : input,
            pre,
            out: y,
            activation: act?.name ?? null,
            thresholds: options.thresholds,
          });
          const keepPre = built.inputGradient !== undefined && act !== undefined;
          return { y: tf.keep(y), pre: keepPre ? tf.keep(pre) : null, stats };
        }),
      );
      Object.assign(result, run.stats, describeBuilt(built));
      out = run.y;
      pre = run.pre;
    } catch (err) {
      if (input !== x) input.dispose();
      result.error = err instanceof Error ? err.message : String(err);
      if (!passesThrough(step.row.layer, meta)) stopped = step.row.layer.name;
      continue;
    }

    const bytes = (input.size + (pre?.size ?? 0)) * 4;
    if (gradients && inputBytes + bytes > options.memoryBudgetBytes) {
      notes.push("gradients skipped: the layer inputs exceed the memory budget");
      gradients = false;
    }
    if (gradients) {
      step.input = input;
      step.inMeta = inMeta;
      step.pre = pre;
      keep.add(input);
      if (pre) keep.add(pre);
      inputBytes += bytes;
    } else {
      if (!keep.has(input)) input.dispose();
      pre?.dispose();
    }
    // A layer with its own input gradient needs no forward() in the backward pass (its
    // pre-activation is kept, or unused without an activation), so it is cached without it.
    const cachedBytes =
      built.inputGradient && built.dropForward ? built.dropForward() : built.bytes;
    if (gradients && weightBytes + cachedBytes <= options.memoryBudgetBytes) {
      step.built = built;
      weightBytes += cachedBytes;
    } else {
      built.dispose();
    }
    if (step.side) {
      saved.set(i, { x: out, meta: built.out });
      keep.add(out);
      continue;
    }
    x = out;
    meta = built.out;
    if (readBack.has(i)) {
      saved.set(i, { x, meta });
      keep.add(x);
    }
  }

  if (gradients && !stopped) {
    const total = steps.length * 2;
    backward(
      { steps, finalOut: x, options, report, framework: model.framework, saved, ctx },
      (i) => progress(total - i, total, "backward"),
    );
  }
  for (const step of steps) step.built?.dispose();
  keep.add(x);
  for (const t of keep) if (!t.isDisposed) t.dispose();

  const layers = steps.map((s) => s.result);
  return { ...base, layers, findings: checkModel(layers, options.thresholds) };
}
