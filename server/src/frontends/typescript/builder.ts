/**
 * Reads one `tf.layers.x({...})` call's config object for the layer table: typed values,
 * each slot's initializer (as written or the TF.js default), fused activations and the
 * CallSite that edit builders need to add or replace a property.
 */
import ts from "typescript";
import type {
  Activation,
  CallSite,
  Dim,
  InitCall,
  Initializer,
  Param,
  ParamRole,
  Range,
} from "../../model/types";
import { activationFromString } from "./activations";
import { readInitializer, type InitReadContext } from "./initexpr";
import { defaultInitializer, slotKey, type InitSlot } from "./initializers";
import { innerRange, nodeRange } from "./source";
import { asDims, asNumber, evaluate, properties, stripCasts, type Property } from "./values";

/** Everything a builder needs besides the call: the reading context and where InitCalls go. */
export interface BuildContext extends InitReadContext {
  initCalls: InitCall[];
  /** The expression an identifier was declared with, for initializer variables. */
  resolveExpr: (name: string) => ts.Expression | undefined;
}

/** Typed access to one layer call's config object. */
export class LayerConfig {
  readonly props: Map<string, Property>;
  readonly object: ts.ObjectLiteralExpression | undefined;

  constructor(
    readonly call: ts.CallExpression,
    readonly ctx: BuildContext,
  ) {
    const arg = call.arguments[0] ? stripCasts(call.arguments[0]) : undefined;
    this.object = arg && ts.isObjectLiteralExpression(arg) ? arg : undefined;
    this.props = this.object ? properties(this.object) : new Map();
  }

  has(key: string): boolean {
    return this.props.has(key);
  }

  value(key: string) {
    return evaluate(this.props.get(key)?.value, this.ctx.lookup);
  }

  number(key: string): number | undefined {
    return asNumber(this.value(key));
  }

  /** A positive integer count, or null when given but not static, or undefined when absent. */
  count(key: string): Dim | undefined {
    if (!this.has(key)) return undefined;
    const v = this.number(key);
    return v !== undefined && Number.isInteger(v) && v > 0 ? v : null;
  }

  string(key: string): string | undefined {
    const v = this.value(key);
    return typeof v === "string" ? v : undefined;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.value(key);
    return typeof v === "boolean" ? v : fallback;
  }

  /** Dims of a shape-like property; null when given but not static, undefined when absent. */
  dims(key: string, rank?: number): Dim[] | null | undefined {
    if (!this.has(key)) return undefined;
    return asDims(this.value(key), rank) ?? null;
  }

  /** The input shape written on the layer (inputShape, batchInputShape, inputDim). */
  inputShape(): Dim[] | null | undefined {
    const shape = this.dims("inputShape");
    if (shape !== undefined) return shape;
    const batch = this.dims("batchInputShape");
    if (batch !== undefined) return batch && batch.slice(1);
    const inputDim = this.count("inputDim");
    return inputDim === undefined ? undefined : [inputDim];
  }

  /** A slot's initializer: as written, "unknown" when unreadable, else the default. */
  initializer(slot: InitSlot): Initializer {
    const key = slotKey(slot);
    const prop = this.props.get(key);
    if (!prop) return defaultInitializer(slot);
    let expr = stripCasts(prop.value);
    if (ts.isIdentifier(expr)) expr = this.ctx.resolveExpr(expr.text) ?? expr;
    const read = readInitializer(expr, key, this.ctx);
    if (!read) {
      const range = nodeRange(this.ctx.sf, prop.value);
      const spelled = prop.value.getText(this.ctx.sf);
      return {
        family: "unknown",
        framework: "tfjs",
        args: {},
        origin: "argument",
        spelled,
        range,
      };
    }
    const seen = this.ctx.initCalls.some((c) => sameRange(c.range, read.call.range));
    if (!seen) this.ctx.initCalls.push(read.call);
    return read.init;
  }

  /** A parameter of the layer with its slot's initializer. */
  param(role: ParamRole, name: string, shape: Dim[] | null, slot: InitSlot): Param {
    return { role, name, shape, init: this.initializer(slot), initKeyword: slotKey(slot) };
  }

  /** The activation set by a string property, e.g. `activation: "relu"`. */
  activation(key = "activation"): Activation | undefined {
    const prop = this.props.get(key);
    if (!prop) return undefined;
    const v = evaluate(prop.value, this.ctx.lookup);
    const range = nodeRange(this.ctx.sf, prop.value);
    const spelled = prop.value.getText(this.ctx.sf);
    if (typeof v !== "string") return { name: "unknown", spelled, range };
    return activationFromString(v, spelled, range);
  }

  /** The CallSite of the layer call, with every property's range. */
  callSite(): CallSite {
    const sf = this.ctx.sf;
    const keywords: CallSite["keywords"] = {};
    for (const [name, prop] of this.props) {
      keywords[name] = {
        range: nodeRange(sf, prop.node),
        valueRange: nodeRange(sf, prop.value),
      };
    }
    const argsRange = this.object ? innerRange(sf, this.object) : this.parenRange();
    return { range: nodeRange(sf, this.call), argsRange, keywords };
  }

  private parenRange(): Range {
    const sf = this.ctx.sf;
    const open = this.call.arguments.pos;
    const close = this.call.arguments.end;
    const start = sf.getLineAndCharacterOfPosition(open);
    const end = sf.getLineAndCharacterOfPosition(close);
    return { start, end };
  }
}

function sameRange(a: Range, b: Range): boolean {
  const same = (p: Range["start"], q: Range["start"]) =>
    p.line === q.line && p.character === q.character;
  return same(a.start, b.start) && same(a.end, b.end);
}
