/**
 * Reads a PyTorch call's evaluated arguments by position or keyword, as the constructor's
 * signature binds them, and turns them into dimensions, flags and numbers. A value the
 * source does not pin down reads as null / undefined, never as a guess.
 */
import type { Dim } from "../../../model/types";
import type { CallInfo } from "./evaluate";
import { type Value, asInt, asNumber, isUnknown } from "./values";

/** Positional-or-keyword access to one call's arguments. */
export class Args {
  constructor(private readonly info: CallInfo) {}

  /** The argument at `index` or named `name`; undefined when absent or not knowable. */
  get(index: number, name: string): Value | undefined {
    if (this.info.kwargs.has(name)) return this.info.kwargs.get(name);
    if (index >= 0 && index < this.info.args.length) return this.info.args[index];
    // A `*args` that could not be expanded hides the positional arguments.
    return this.info.complete ? undefined : UNSET;
  }

  /** True when the argument is given (even with an unknown value). */
  given(index: number, name: string): boolean {
    return this.get(index, name) !== undefined;
  }

  /** An integer dimension, the default when absent, null when unknown. */
  dim(index: number, name: string, fallback: Dim = null): Dim {
    const v = this.get(index, name);
    if (v === undefined) return fallback;
    return asInt(v);
  }

  /** A dimension list: an int repeated `n` times, or a tuple of ints. */
  dims(index: number, name: string, n: number, fallback: number): Dim[] {
    const v = this.get(index, name);
    if (v === undefined) return Array.from({ length: n }, () => fallback);
    if (Array.isArray(v)) return v.map(asInt);
    const k = asInt(v);
    return Array.from({ length: n }, () => k);
  }

  /** A boolean flag, the default when absent, undefined when unknown. */
  flag(index: number, name: string, fallback: boolean): boolean | undefined {
    const v = this.get(index, name);
    if (v === undefined) return fallback;
    if (typeof v === "boolean") return v;
    if (v === null) return false;
    return undefined;
  }

  /** A number, the default when absent, undefined when unknown. */
  number(index: number, name: string, fallback?: number): number | undefined {
    const v = this.get(index, name);
    if (v === undefined) return fallback;
    return asNumber(v) ?? undefined;
  }
}

/** Marks an argument hidden behind an unexpanded splat. */
const UNSET: Value = { tag: "unknown" };

/** True when a read argument is known. */
export function known(v: Value | undefined): boolean {
  return v !== undefined && !isUnknown(v);
}
