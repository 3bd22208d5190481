/**
 * The backward pass: from the loss sum(output * r), r standard normal and seeded, the
 * gradient is carried back one row at a time through each layer's vector-Jacobian product,
 * with residual branches accumulating into the row they came from. Layers the weight cache
 * dropped are rebuilt from the seed, which gives the same weights.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Framework } from "../model/types";
import { applyActivation } from "./activations";
import { buildStep, type SavedOutputs } from "./build-layer";
import type { DrawContext } from "./params";
import { CounterRng, rowsUpTo } from "./rng";
import type { Step } from "./rows";
import { gradientStats } from "./stats";
import type { BackendReport, ProbeOptions } from "./types";

/** Runs `fn` on the current backend, or on the CPU backend when an op fails there. */
export function withFallback<T>(report: BackendReport, label: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    const before = tf.getBackend();
    if (before === "cpu") throw err;
    tf.setBackend("cpu");
    try {
      const value = fn();
      if (!report.fellBack.includes(label)) report.fellBack.push(label);
      return value;
    } finally {
      tf.setBackend(before);
    }
  }
}

/** What the backward pass reads. */
export interface BackwardInput {
  steps: Step[];
  finalOut: tf.Tensor;
  options: ProbeOptions;
  report: BackendReport;
  framework: Framework;
  saved: SavedOutputs;
  ctx: DrawContext;
}

function lossDirection(out: tf.Tensor, options: ProbeOptions): tf.Tensor {
  const rng = new CounterRng(options.seed, "loss");
  const per = out.size / options.batch;
  const r = new Float32Array(out.size);
  // Row b, column i holds rng.normal(b, i), as the per-element form would draw it.
  rng.fillNormal(r, rowsUpTo(options.batch), per);
  return tf.tensor(r, out.shape);
}

/** Fills gradVar and gradMeanAbs of every row the gradient reaches. */
export function backward(input: BackwardInput, tick: (i: number) => void): void {
  const { steps, report } = input;
  let g = lossDirection(input.finalOut, input.options);
  const extra = new Map<number, tf.Tensor>();

  for (let i = steps.length - 1; i >= 0; i--) {
    tick(i);
    const step = steps[i]!;
    const pending = extra.get(i);
    if (step.side) {
      // The gradient sent to a side branch (a position lookup) ends there: its input is ids,
      // and the main path's gradient passes it by.
      pending?.dispose();
      extra.delete(i);
      continue;
    }
    if (pending) {
      const sum = tf.add(g, pending);
      tf.dispose([g, pending]);
      extra.delete(i);
      g = sum;
    }
    if (step.result.error) continue;
    if (!step.input || !step.inMeta) break;
    input.ctx.notes = [];
    const built = step.built ?? buildStep(step, step.inMeta, input.saved, input.ctx);
    if (!built.differentiable) {
      if (!step.built) built.dispose();
      break;
    }
    const act = step.row.activation;
    const upstream = g;
    const xin = step.input;
    const gx = withFallback(report, `${step.row.layer.name} (gradient)`, () =>
      tf.tidy(() => {
        if (built.inputGradient) {
          // Without an activation the pre-activation is not needed (a cached layer may have
          // freed what its forward() needs).
          if (!act) return built.inputGradient(upstream);
          const pre = step.pre ?? built.forward(xin);
          const viaAct = (z: tf.Tensor) =>
            tf.sum(tf.mul(applyActivation(z, act, input.framework), upstream));
          return built.inputGradient(tf.grad(viaAct)(pre));
        }
        const f = (v: tf.Tensor) => {
          const pre = built.forward(v);
          const out = act ? applyActivation(pre, act, input.framework) : pre;
          return tf.sum(tf.mul(out, upstream));
        };
        return tf.grad(f)(xin);
      }),
    );
    if (!step.built) built.dispose();
    Object.assign(step.result, gradientStats(gx));
    if (step.addFrom !== null) {
      // The residual branch receives the same gradient as the main path.
      const prev = extra.get(step.addFrom);
      extra.set(step.addFrom, prev ? tf.add(prev, gx) : tf.clone(gx));
      prev?.dispose();
    }
    upstream.dispose();
    g = gx;
  }
  g.dispose();
  for (const t of extra.values()) t.dispose();
}
