/**
 * Channels-last shape arithmetic shared by the Keras and Flax front ends: what a convolution,
 * a pooling window or a flatten does to the (batch-less) shape flowing between layers, so a
 * Dense layer after `Flatten()` learns its input width. Unknown sizes stay `null`.
 */
import type { Dim } from "../../../model/types";

/** A tensor shape without the batch axis, channels last; null when even the rank is unknown. */
export type Shape = Dim[] | null;

/** Padding modes, lower case. */
export type Padding = "valid" | "same" | null;

/** The last axis of a shape (features or channels). */
export function lastDim(shape: Shape): Dim {
  return shape && shape.length > 0 ? (shape[shape.length - 1] ?? null) : null;
}

/** The shape with its last axis replaced, or a rank-unknown shape ending in `features`. */
export function withLast(shape: Shape, features: Dim): Shape {
  if (!shape || shape.length === 0) return [null, features];
  return [...shape.slice(0, -1), features];
}

function each(spatial: Dim[], count: number, f: (n: Dim, i: number) => Dim): Dim[] {
  return Array.from({ length: count }, (_, i) => f(spatial[i] ?? null, i));
}

/** Output spatial sizes of a strided window (convolution or pooling). */
export function windowOutput(input: {
  spatial: Dim[] | null;
  dims: number;
  window: Dim[];
  strides: Dim[];
  padding: Padding;
  dilation?: Dim[];
}): Dim[] {
  const spatial = input.spatial ?? [];
  return each(spatial, input.dims, (n, i) => {
    const k = input.window[i] ?? null;
    const s = input.strides[i] ?? null;
    const d = input.dilation?.[i] ?? 1;
    if (n === null || s === null || s === 0 || input.padding === null) return null;
    if (input.padding === "same") return Math.ceil(n / s);
    if (k === null || d === null) return null;
    const span = (k - 1) * d + 1;
    return n >= span ? Math.floor((n - span) / s) + 1 : null;
  });
}

/** Output spatial sizes of a transposed convolution. */
export function transposedOutput(input: {
  spatial: Dim[] | null;
  dims: number;
  window: Dim[];
  strides: Dim[];
  padding: Padding;
}): Dim[] {
  const spatial = input.spatial ?? [];
  return each(spatial, input.dims, (n, i) => {
    const k = input.window[i] ?? null;
    const s = input.strides[i] ?? null;
    if (n === null || s === null || input.padding === null) return null;
    if (input.padding === "same") return n * s;
    return k === null ? null : (n - 1) * s + k;
  });
}

/** The spatial part of a channels-last shape with `dims` spatial axes. */
export function spatialOf(shape: Shape, dims: number): Dim[] | null {
  if (!shape || shape.length !== dims + 1) return null;
  return shape.slice(0, dims);
}

/** The product of all sizes, for a flatten; null when any is unknown. */
export function flattened(shape: Shape): Dim {
  if (!shape || shape.length === 0) return null;
  let product = 1;
  for (const d of shape) {
    if (d === null) return null;
    product *= d;
  }
  return product;
}

/** A padding string as lower case, or null when it is not a literal the frameworks know. */
export function paddingOf(value: string | null, fallback: Padding): Padding {
  if (value === null) return fallback;
  const lower = value.toLowerCase();
  return lower === "valid" || lower === "same" ? lower : null;
}
