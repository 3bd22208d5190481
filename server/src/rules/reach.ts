/**
 * Finding what an init call reaches: every layer whose weight is initialised by the call at a
 * given range, across the file's models. Rules use it to judge an `apply` or loop dispatch as
 * a whole, and IL012 to find the activation a gain should fit.
 */
import type { FileDescription, Initializer, Layer, Model, Param, Range } from "../model/types";
import { memoOn } from "../text/memo";

/** A layer's parameter that an init call reaches. */
export interface Reached {
  model: Model;
  layer: Layer;
  param: Param;
}

function before(a: Range["start"], b: Range["start"]): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** True when `outer` contains `inner`. */
export function contains(outer: Range, inner: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** True when two ranges are the same. */
export function sameRange(a: Range | undefined, b: Range | undefined): boolean {
  if (!a || !b) return false;
  return contains(a, b) && contains(b, a);
}

function inits(param: Param): Initializer[] {
  return param.history && param.history.length > 0 ? param.history : [param.init];
}

/** Parameters by each source line their current init's range covers, built once per file. */
function lineIndex(file: FileDescription): Map<number, Reached[]> {
  return memoOn(file, "reach.byLine", () => buildLineIndex(file));
}

function buildLineIndex(file: FileDescription): Map<number, Reached[]> {
  const index = new Map<number, Reached[]>();
  for (const model of file.models) {
    for (const layer of model.layers) {
      for (const param of layer.params) {
        const r = param.init.range;
        if (!r) continue;
        for (let line = r.start.line; line <= r.end.line; line++) {
          const bucket = index.get(line);
          if (bucket) bucket.push({ model, layer, param });
          else index.set(line, [{ model, layer, param }]);
        }
      }
    }
  }
  return index;
}

/**
 * Every parameter whose current init is the call at `range` (or contains it). Indexed by line
 * because rules ask this once per finding, and a scan of every parameter each time made large
 * files quadratic.
 */
export function reachedBy(file: FileDescription, range: Range): Reached[] {
  const candidates = lineIndex(file).get(range.start.line) ?? [];
  return candidates.filter(({ param }) => {
    const r = param.init.range!;
    return sameRange(r, range) || contains(r, range);
  });
}

/** Every parameter any of whose inits (not only the last) is the call at `range`. */
export function touchedBy(file: FileDescription, range: Range): Reached[] {
  const out: Reached[] = [];
  for (const model of file.models) {
    for (const layer of model.layers) {
      for (const param of layer.params) {
        if (inits(param).some((i) => i.range && contains(i.range, range))) {
          out.push({ model, layer, param });
        }
      }
    }
  }
  return out;
}

/** Where a finding about a layer's init goes: the init itself when explicit, else the layer. */
export function initSiteRange(layer: Layer, init: Initializer): Range {
  const explicit =
    init.origin === "call" || init.origin === "argument" || init.origin === "inplace";
  if (explicit && init.range) return init.range;
  return layer.call?.range ?? layer.range;
}
