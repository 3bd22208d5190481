/**
 * Elman RNN, LSTM and GRU cells unrolled over the input's time steps, stacked and optionally
 * bidirectional, with PyTorch's equations (Keras's differ only in gate order and in using
 * one bias). Defaults: PyTorch U(+-1/sqrt(H)) on every parameter; Keras and TF.js Glorot
 * uniform kernels, orthogonal recurrent kernels, zero bias with a unit forget bias when set.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Initializer, Layer } from "../../model/types";
import { drawParam, effectiveInit, findParam, type DrawContext } from "../params";
import type { BuiltLayer, SignalMeta } from "./types";

const gateCount = { rnn: 1, lstm: 4, gru: 3 } as const;

type CellKind = keyof typeof gateCount;

interface CellParams {
  wIh: tf.Tensor2D;
  wHh: tf.Tensor2D;
  bias: tf.Tensor1D;
  /** GRU keeps the recurrent bias apart for its candidate gate. */
  bHh: tf.Tensor1D;
}

function defaultFor(ctx: DrawContext, role: "kernel" | "recurrent" | "bias"): Initializer {
  const base = { framework: ctx.framework, args: {}, origin: "default" as const };
  if (ctx.framework === "pytorch") return { ...base, family: "torch_rnn_default" };
  if (role === "bias") return { ...base, family: "zeros" };
  if (role === "recurrent") return { ...base, family: "orthogonal" };
  return { ...base, family: ctx.framework === "flax" ? "lecun_normal" : "xavier_uniform" };
}

function suffix(layerIndex: number, reverse: boolean): string {
  return `_l${layerIndex}${reverse ? "_reverse" : ""}`;
}

/** Builds an unrolled recurrent layer. */
export function buildRecurrent(layer: Layer, input: SignalMeta, ctx: DrawContext): BuiltLayer {
  const kind = layer.kind as CellKind;
  const hidden = layer.hiddenSize ?? layer.outFeatures;
  if (hidden === null || hidden === undefined) throw new Error("hidden size unknown");
  if (input.shape.length !== 2) throw new Error("expects a (steps, features) input");
  if (input.present < input.full) throw new Error("recurrent layer on a sampled input");
  const stacks = layer.numLayers ?? 1;
  const dirs = layer.bidirectional ? 2 : 1;
  const gates = gateCount[kind];
  const torch = ctx.framework === "pytorch";
  const unitForget =
    kind === "lstm" && !torch && (layer.unitForgetBias ?? ctx.framework === "keras");

  const cells: CellParams[][] = [];
  const weightVars: number[] = [];
  let nominal = 0;
  let label = "";
  let allZero = true;
  let inSize = layer.inFeatures ?? input.full;

  const draw = (name: string, role: "kernel" | "recurrent" | "bias", cols: number) => {
    const paramRole =
      role === "kernel" ? "weight" : role === "recurrent" ? "recurrentWeight" : "bias";
    const init = effectiveInit(
      findParam(layer, paramRole, name),
      defaultFor(ctx, role),
      ctx.notes,
    );
    const fans = { fanIn: cols, fanOut: gates * hidden };
    const rows = gates * hidden;
    return drawParam(ctx, {
      layer,
      stream: name,
      init,
      fans,
      rows,
      totalRows: rows,
      cols,
      totalCols: cols,
      hidden,
    });
  };

  for (let l = 0; l < stacks; l++) {
    const row: CellParams[] = [];
    for (let d = 0; d < dirs; d++) {
      const sfx = suffix(l, d === 1);
      const wIh = draw(`weight_ih${sfx}`, "kernel", inSize);
      const wHh = draw(`weight_hh${sfx}`, "recurrent", hidden);
      const bIh = draw(`bias_ih${sfx}`, "bias", 1);
      const bHh = torch ? draw(`bias_hh${sfx}`, "bias", 1) : null;
      if (l === 0 && d === 0) {
        weightVars.push(wIh.realizedVar);
        nominal = wIh.resolved.nominalVar;
        label = wIh.resolved.label;
      }
      allZero &&= wIh.values.every((v) => v === 0);
      const biasValues = bIh.values;
      if (unitForget) biasValues.fill(1, hidden, 2 * hidden);
      const hh = bHh ? bHh.values : new Float32Array(gates * hidden);
      if (!layer.hasBias) {
        biasValues.fill(0);
        hh.fill(0);
      }
      row.push({
        wIh: tf.tensor2d(wIh.values, [gates * hidden, inSize]),
        wHh: tf.tensor2d(wHh.values, [gates * hidden, hidden]),
        bias: tf.tensor1d(kind === "gru" ? biasValues : biasValues.map((v, i) => v + hh[i]!)),
        bHh: tf.tensor1d(hh),
      });
    }
    cells.push(row);
    inSize = hidden * dirs;
  }

  const lastOnly = ctx.framework === "keras" || ctx.framework === "tfjs";
  const steps = input.shape[0]!;
  const outShape = lastOnly ? [hidden * dirs] : [steps, hidden * dirs];
  return {
    forward(x: tf.Tensor): tf.Tensor {
      let seq = x as tf.Tensor3D;
      for (const row of cells) {
        const outs = row.map((p, d) => runDirection(kind, seq, p, hidden, d === 1));
        seq = (outs.length === 1 ? outs[0]! : tf.concat(outs, 2)) as tf.Tensor3D;
      }
      if (!lastOnly) return seq;
      return tf.squeeze(tf.slice(seq, [0, steps - 1, 0], [-1, 1, -1]), [1]);
    },
    out: { shape: outShape, present: hidden * dirs, full: hidden * dirs },
    initializer: label,
    fanIn: layer.inFeatures ?? input.full,
    fanOut: gates * hidden,
    weightVar: weightVars[0] ?? null,
    weightVarNominal: nominal,
    weightAllZero: allZero,
    sampled: false,
    differentiable: true,
    bytes: cells
      .flat()
      .reduce((n, p) => n + (p.wIh.size + p.wHh.size + 2 * p.bias.size) * 4, 0),
    dispose(): void {
      for (const p of cells.flat()) tf.dispose([p.wIh, p.wHh, p.bias, p.bHh]);
    },
  };
}

function runDirection(
  kind: CellKind,
  seq: tf.Tensor3D,
  p: CellParams,
  hidden: number,
  reverse: boolean,
): tf.Tensor3D {
  const [batch, steps] = [seq.shape[0], seq.shape[1]];
  let h: tf.Tensor2D = tf.zeros([batch, hidden]);
  let c: tf.Tensor2D = tf.zeros([batch, hidden]);
  const outs: tf.Tensor2D[] = new Array(steps);
  for (let s = 0; s < steps; s++) {
    const t = reverse ? steps - 1 - s : s;
    const xt = tf.squeeze(tf.slice(seq, [0, t, 0], [-1, 1, -1]), [1]) as tf.Tensor2D;
    const xw = tf.matMul(xt, p.wIh, false, true);
    if (kind === "gru") {
      const hw = tf.add(tf.matMul(h, p.wHh, false, true), p.bHh);
      const [xr, xz, xn] = tf.split(tf.add(xw, p.bias), 3, 1);
      const [hr, hz, hn] = tf.split(hw, 3, 1);
      const r = tf.sigmoid(tf.add(xr!, hr!));
      const z = tf.sigmoid(tf.add(xz!, hz!));
      const n = tf.tanh(tf.add(xn!, tf.mul(r, hn!)));
      h = tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h)) as tf.Tensor2D;
    } else {
      const g = tf.add(tf.add(xw, tf.matMul(h, p.wHh, false, true)), p.bias);
      if (kind === "rnn") {
        h = tf.tanh(g) as tf.Tensor2D;
      } else {
        const [i, f, cc, o] = tf.split(g, 4, 1);
        c = tf.add(
          tf.mul(tf.sigmoid(f!), c),
          tf.mul(tf.sigmoid(i!), tf.tanh(cc!)),
        ) as tf.Tensor2D;
        h = tf.mul(tf.sigmoid(o!), tf.tanh(c)) as tf.Tensor2D;
      }
    }
    outs[t] = h;
  }
  return tf.stack(outs, 1) as tf.Tensor3D;
}
