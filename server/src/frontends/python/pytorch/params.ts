/**
 * Builders for parameters and default initializers in PyTorch semantics, shared by the
 * layer table and the recurrent and attention layers.
 */
import type {
  Dim,
  InitArgs,
  InitFamily,
  Initializer,
  Param,
  ParamRole,
} from "../../../model/types";

/** The initializer a parameter has when the source says nothing. */
export function defaultInit(family: InitFamily, args: InitArgs = {}): Initializer {
  return { family, framework: "pytorch", args, origin: "default" };
}

/** A parameter with its shape (null entries for unknown dims) and default initializer. */
export function param(role: ParamRole, name: string, shape: Dim[], init: Initializer): Param {
  return { role, name, shape, init };
}

/** The product of known dims, or null when any is unknown. */
export function product(dims: Dim[]): Dim {
  let out = 1;
  for (const d of dims) {
    if (d === null) return null;
    out *= d;
  }
  return out;
}

/** `a * b` on dims. */
export function times(a: Dim, b: Dim): Dim {
  return a === null || b === null ? null : a * b;
}
