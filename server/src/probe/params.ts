/**
 * From a layer's parameter description to drawn values: picks the initializer (the one the
 * source gives, or the framework's default), resolves it in the framework's semantics and
 * draws the selected output units. Also decides how many output units fit the memory budget.
 */
import type { Framework, Initializer, Layer, Param, ParamRole } from "../model/types";
import { drawMatrix } from "./draw";
import { frameworkDefault, resolveInit, type Fans, type ResolvedInit } from "./initializers";
import { CounterRng } from "./rng";

/** What a layer builder needs to draw its parameters. */
export interface DrawContext {
  seed: number;
  modelId: string;
  framework: Framework;
  budgetBytes: number;
  notes: string[];
}

/** One drawn parameter: row-major (rows x cols) values in PyTorch's (out, in * k) order. */
export interface DrawnParam {
  values: Float32Array;
  resolved: ResolvedInit;
  realizedVar: number;
  realizedMean: number;
}

/** The description's parameter with this role (or the first of these names), if any. */
export function findParam(layer: Layer, role: ParamRole, name?: string): Param | undefined {
  const byName = name ? layer.params.find((p) => p.name === name) : undefined;
  return byName ?? layer.params.find((p) => p.role === role);
}

/** The initializer that applies, with a note when an unknown one is replaced by the default. */
export function effectiveInit(
  param: Param | undefined,
  fallback: Initializer,
  notes: string[],
): Initializer {
  if (!param) return fallback;
  if (param.init.family === "unknown") {
    notes.push(`${param.name}: initializer unknown, probed with the framework default`);
    return fallback;
  }
  return param.init;
}

/** The default initializer of a weight or bias role in this framework. */
export function defaultInit(framework: Framework, role: "weight" | "bias"): Initializer {
  return frameworkDefault(framework, role);
}

/** Output units of a layer whose weight fits the budget, given the elements per unit. */
export function unitsWithinBudget(units: number, perUnit: number, budgetBytes: number): number {
  const fit = Math.floor(budgetBytes / (4 * Math.max(1, perUnit)));
  return Math.max(1, Math.min(units, fit));
}

/** Draws rows 0..rows-1 and columns 0..cols-1 of a parameter. */
export function drawParam(
  ctx: DrawContext,
  input: {
    layer: Layer;
    stream: string;
    init: Initializer;
    fans: Fans;
    rows: number;
    totalRows: number;
    cols: number;
    totalCols: number;
    kernelSize?: number;
    kernelCenter?: number;
    hidden?: number;
  },
): DrawnParam {
  const resolved = resolveInit(input.init, input.fans, input.hidden);
  if (resolved.note) ctx.notes.push(resolved.note);
  const rng = new CounterRng(ctx.seed, `${ctx.modelId}/${input.layer.id}/${input.stream}`);
  const rows = Array.from({ length: input.rows }, (_, i) => i);
  const colIndex =
    input.cols < input.totalCols ? Array.from({ length: input.cols }, (_, i) => i) : null;
  const values = drawMatrix(
    {
      dist: resolved.dist,
      rng,
      rows,
      colIndex,
      cols: input.totalCols,
      totalRows: input.totalRows,
      kernelSize: input.kernelSize ?? 1,
      kernelCenter: input.kernelCenter ?? 0,
    },
    ctx.notes,
  );
  return { values, resolved, realizedVar: variance(values), realizedMean: mean(values) };
}

/** Mean of an array, in double precision. */
export function mean(values: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length === 0 ? 0 : sum / values.length;
}

/** Population variance of an array, in double precision. */
export function variance(values: Float32Array): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let sq = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - mean;
    sq += d * d;
  }
  return sq / values.length;
}
