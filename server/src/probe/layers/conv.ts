/**
 * Convolutions (1-, 2- and 3-d, grouped and depthwise) and transposed convolutions (1- and
 * 2-d), channels-last, with the strides and padding the description carries (stride 1 and
 * "same" padding, with a note, where it carries none; transposed convs always so). Neither
 * changes the per-element statistics at init, but they set the spatial size later layers see. Fans follow PyTorch's weight layout,
 * which for transposed convs swaps them (shared/KNOWLEDGE.md section 2).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Layer } from "../../model/types";
import { defaultInit, drawParam, effectiveInit, findParam, unitsWithinBudget } from "../params";
import type { DrawContext } from "../params";
import { rescaleSampledSum, type BuiltLayer, type SignalMeta } from "./types";

interface ConvGeometry {
  dims: 1 | 2 | 3;
  kernel: number[];
  size: number;
  center: number;
  strides: number[];
  /** Zeros added on each side per spatial dimension, or tfjs's "same". */
  pad: number[] | "same";
}

function known(dims: (number | null)[] | undefined, n: number): number[] | null {
  if (!dims || dims.length === 0 || dims.some((d) => d === null || d < 0)) return null;
  return dims.length === 1 ? Array<number>(n).fill(dims[0]!) : (dims as number[]);
}

/** Strides and padding of the layer; stride 1 and "same" (with a note) where unknown. */
function slide(
  layer: Layer,
  dims: number,
  notes: string[],
): Pick<ConvGeometry, "strides" | "pad"> {
  const strides = known(layer.stride ?? [1], dims);
  const p = layer.padding;
  const pad =
    p === "same" ? "same" : p === "valid" ? Array<number>(dims).fill(0) : known(p, dims);
  if (layer.kind === "convTranspose" || strides === null || pad === null) {
    const declared = layer.kind === "convTranspose" && (strides?.some((x) => x !== 1) ?? true);
    if (strides === null || pad === null || declared) {
      notes.push('stride or padding not known: assumed stride 1 and "same" padding');
    }
    return { strides: Array<number>(dims).fill(1), pad: "same" as const };
  }
  return { strides, pad };
}

function geometry(layer: Layer, input: SignalMeta, notes: string[]): ConvGeometry {
  const dims = layer.spatialDims ?? ((input.shape.length - 1) as 1 | 2 | 3);
  if (![1, 2, 3].includes(dims) || input.shape.length !== dims + 1) {
    throw new Error(`expects a ${dims}-d spatial input, got shape (${input.shape.join(", ")})`);
  }
  const ks = layer.kernelSize ?? [];
  if (ks.length === 0 || ks.some((k) => k === null)) throw new Error("kernel size unknown");
  const kernel = ks.length === 1 ? Array<number>(dims).fill(ks[0]!) : (ks as number[]);
  const size = kernel.reduce((a, b) => a * b, 1);
  let center = 0;
  for (const k of kernel) center = center * k + Math.floor(k / 2);
  return { dims, kernel, size, center, ...slide(layer, dims, notes) };
}

/** [out, inPerGroup, ...kernel] values to a channels-last filter [...kernel, in, out]. */
function filterTensor(
  values: Float32Array,
  rows: number,
  cols: number,
  g: ConvGeometry,
): tf.Tensor {
  const t = tf.tensor(values, [rows, cols, ...g.kernel]);
  const perm = [...g.kernel.map((_, i) => i + 2), 1, 0];
  const filter = tf.transpose(t, perm);
  t.dispose();
  return filter;
}

function as2d(x: tf.Tensor): tf.Tensor4D {
  return tf.expandDims(x, 1) as tf.Tensor4D;
}

/** Zero-pads the spatial axes for explicit padding; tfjs then convolves "valid". */
function padded(x: tf.Tensor, g: ConvGeometry): { x: tf.Tensor; mode: "same" | "valid" } {
  if (g.pad === "same") return { x, mode: "same" };
  if (g.pad.every((p) => p === 0)) return { x, mode: "valid" };
  const widths: [number, number][] = [[0, 0], ...g.pad.map((p) => [p, p] as [number, number])];
  widths.push([0, 0]);
  return { x: tf.pad(x, widths), mode: "valid" };
}

/** The spatial output size along one axis. */
function outSize(n: number, i: number, g: ConvGeometry): number {
  const s = g.strides[i]!;
  if (g.pad === "same") return Math.ceil(n / s);
  return Math.floor((n + 2 * g.pad[i]! - g.kernel[i]!) / s) + 1;
}

function convolve(input: tf.Tensor, filter: tf.Tensor, g: ConvGeometry): tf.Tensor {
  const { x, mode } = padded(input, g);
  const s = g.strides;
  if (g.dims === 3) {
    return tf.conv3d(
      x as tf.Tensor5D,
      filter as tf.Tensor5D,
      s as [number, number, number],
      mode,
    );
  }
  if (g.dims === 2) {
    return tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, s as [number, number], mode);
  }
  const f2 = tf.expandDims(filter, 0) as tf.Tensor4D;
  return tf.squeeze(tf.conv2d(as2d(x), f2, [1, s[0]!], mode), [1]);
}

function depthwise(input: tf.Tensor, filter: tf.Tensor, g: ConvGeometry): tf.Tensor {
  const { x, mode } = padded(input, g);
  const s =
    g.dims === 1 ? ([1, g.strides[0]!] as [number, number]) : (g.strides as [number, number]);
  // filter is [...kernel, 1, out]; depthwiseConv2d wants [...kernel, in, multiplier].
  const inC = x.shape[x.shape.length - 1]!;
  const out = filter.shape[filter.shape.length - 1]!;
  const kernel2 = g.dims === 1 ? [1, g.kernel[0]!] : g.kernel;
  const f = tf.reshape(filter, [kernel2[0]!, kernel2[1]!, inC, out / inC]) as tf.Tensor4D;
  if (g.dims === 2) return tf.depthwiseConv2d(x as tf.Tensor4D, f, s, mode);
  return tf.squeeze(tf.depthwiseConv2d(as2d(x), f, s, mode), [1]);
}

function transposed(x: tf.Tensor, filter: tf.Tensor, g: ConvGeometry): tf.Tensor {
  // conv2dTranspose wants [...kernel, out, in]; ours is [...kernel, in, out].
  const f = tf.transpose(filter, [...g.kernel.map((_, i) => i), g.dims + 1, g.dims]);
  const out = f.shape[g.dims]!;
  if (g.dims === 2) {
    const shape: [number, number, number, number] = [
      x.shape[0]!,
      x.shape[1]!,
      x.shape[2]!,
      out,
    ];
    return tf.conv2dTranspose(x as tf.Tensor4D, f as tf.Tensor4D, shape, 1, "same");
  }
  const f2 = tf.expandDims(f, 0) as tf.Tensor4D;
  const shape: [number, number, number, number] = [x.shape[0]!, 1, x.shape[1]!, out];
  return tf.squeeze(tf.conv2dTranspose(as2d(x), f2, shape, 1, "same"), [1]);
}

/** Builds a convolution or transposed convolution. */
export function buildConv(layer: Layer, input: SignalMeta, ctx: DrawContext): BuiltLayer {
  const g = geometry(layer, input, ctx.notes);
  const spatial = input.shape.slice(0, -1).map((n, i) => outSize(n, i, g));
  if (spatial.some((n) => n < 1)) {
    throw new Error(`input (${input.shape.join(", ")}) is smaller than the kernel`);
  }
  const isTransposed = layer.kind === "convTranspose";
  const out = layer.outFeatures;
  if (out === null || out <= 0) throw new Error("output channels unknown");
  const inC = layer.inFeatures ?? input.full;
  if (inC !== input.full) throw new Error(`expects ${inC} input channels, got ${input.full}`);
  const groups = layer.groups ?? 1;
  if (groups === null || inC % groups !== 0 || out % groups !== 0) {
    throw new Error("groups unknown or not dividing the channels");
  }
  if (isTransposed && groups !== 1 && g.dims > 2)
    throw new Error("transposed conv unsupported");
  const grouped = groups > 1;
  if (grouped && input.present < input.full) throw new Error("grouped conv on a sampled input");

  const present = input.present;
  const perGroupIn = inC / groups;
  const colsPresent = grouped ? perGroupIn : present;
  const rows =
    grouped || isTransposed
      ? out
      : unitsWithinBudget(out, colsPresent * g.size, ctx.budgetBytes);
  const fans = isTransposed
    ? { fanIn: (out / groups) * g.size, fanOut: inC * g.size }
    : { fanIn: perGroupIn * g.size, fanOut: out * g.size };

  const init = effectiveInit(
    findParam(layer, "weight"),
    defaultInit(ctx.framework, "weight"),
    ctx.notes,
  );
  const w = drawParam(ctx, {
    layer,
    stream: "weight",
    init,
    fans,
    rows,
    totalRows: out,
    cols: colsPresent * g.size,
    totalCols: (grouped ? perGroupIn : inC) * g.size,
    kernelSize: g.size,
    kernelCenter: g.center,
  });
  const filter = filterTensor(w.values, rows, colsPresent, g);

  let bias: tf.Tensor | null = null;
  if (layer.hasBias) {
    const biasInit = effectiveInit(
      findParam(layer, "bias"),
      defaultInit(ctx.framework, "bias"),
      ctx.notes,
    );
    const b = drawParam(ctx, {
      layer,
      stream: "bias",
      init: biasInit,
      fans,
      rows,
      totalRows: out,
      cols: 1,
      totalCols: 1,
    });
    bias = tf.tensor1d(b.values);
  }

  const forward = (x: tf.Tensor): tf.Tensor => {
    let z: tf.Tensor;
    if (isTransposed) z = transposed(x, filter, g);
    else if (grouped && groups === inC && g.dims < 3) z = depthwise(x, filter, g);
    else if (grouped) z = groupedConv(x, filter, groups, g);
    else z = rescaleSampledSum(convolve(x, filter, g), present, inC);
    return bias ? tf.add(z, bias) : z;
  };
  return {
    forward,
    out: { shape: [...spatial, rows], present: rows, full: out },
    initializer: w.resolved.label,
    fanIn: fans.fanIn,
    fanOut: fans.fanOut,
    weightVar: w.realizedVar,
    weightVarNominal: w.resolved.nominalVar,
    weightAllZero: w.values.every((v) => v === 0),
    sampled: rows < out || present < inC,
    differentiable: true,
    bytes: (filter.size + (bias?.size ?? 0)) * 4,
    dispose(): void {
      filter.dispose();
      bias?.dispose();
    },
  };
}

function groupedConv(
  x: tf.Tensor,
  filter: tf.Tensor,
  groups: number,
  g: ConvGeometry,
): tf.Tensor {
  const axis = x.shape.length - 1;
  const xs = tf.split(x, groups, axis);
  const fs = tf.split(filter, groups, filter.shape.length - 1);
  return tf.concat(
    xs.map((xi, i) => convolve(xi, fs[i]!, g)),
    axis,
  );
}
