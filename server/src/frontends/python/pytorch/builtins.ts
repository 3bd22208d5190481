/**
 * The Python builtins, `math` functions, string, list and dict methods and PyTorch's
 * `calculate_gain` that the evaluator can compute without running anything. Returns
 * undefined for a call it does not know, so the front end's hooks get their turn.
 */
import type { CallInfo } from "./evaluate";
import { iterate } from "./evaluate";
import {
  type DictValue,
  type MethodValue,
  type QName,
  type Value,
  UNKNOWN,
  asNumber,
  isTagged,
  isUnknown,
  qname,
  truthy,
} from "./values";

/** PyTorch's `calculate_gain`, per torch/nn/init.py; undefined for names it rejects. */
export function torchGain(name: string, param?: number): number | undefined {
  const linear = ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d"];
  linear.push("conv_transpose2d", "conv_transpose3d", "sigmoid");
  if (linear.includes(name)) return 1;
  if (name === "tanh") return 5 / 3;
  if (name === "relu") return Math.SQRT2;
  if (name === "leaky_relu") {
    const slope = param ?? 0.01;
    return Math.sqrt(2 / (1 + slope * slope));
  }
  if (name === "selu") return 3 / 4;
  return undefined;
}

const maxRange = 4096;

function range(args: Value[]): Value {
  const n = args.map(asNumber);
  if (n.some((x) => x === null || !Number.isInteger(x))) return UNKNOWN;
  const [start, stop, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? 1];
  if (step === 0 || Math.abs((stop - start) / step) > maxRange) return UNKNOWN;
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

function numeric(name: string, args: Value[]): Value {
  const n = args.map(asNumber);
  if (n.some((x) => x === null)) return UNKNOWN;
  const xs = n as number[];
  const result = (() => {
    switch (name) {
      case "sqrt":
        return Math.sqrt(xs[0]!);
      case "log":
        return xs.length > 1 ? Math.log(xs[0]!) / Math.log(xs[1]!) : Math.log(xs[0]!);
      case "log2":
        return Math.log2(xs[0]!);
      case "exp":
        return Math.exp(xs[0]!);
      case "ceil":
        return Math.ceil(xs[0]!);
      case "floor":
        return Math.floor(xs[0]!);
      case "pow":
        return xs[0]! ** xs[1]!;
      case "abs":
        return Math.abs(xs[0]!);
      case "int":
        return Math.trunc(xs[0]!);
      case "float":
        return xs[0]!;
      case "round":
        return Math.round(xs[0]!);
      default:
        return NaN;
    }
  })();
  return Number.isFinite(result) ? result : UNKNOWN;
}

function builtin(name: string, info: CallInfo): Value | undefined {
  const { args, env } = info;
  const hooks = env.hooks;
  switch (name) {
    case "isinstance": {
      const classes = hooks.classOf?.(args[0] ?? UNKNOWN);
      const wanted = (Array.isArray(args[1]) ? args[1] : [args[1] ?? UNKNOWN]).map((t) =>
        isTagged<QName>(t, "qname") ? t.name : null,
      );
      if (!classes || wanted.some((w) => w === null)) return UNKNOWN;
      return wanted.some((w) => classes.includes(w!));
    }
    case "type": {
      const classes = hooks.classOf?.(args[0] ?? UNKNOWN);
      return classes?.[0] ? qname(classes[0]) : UNKNOWN;
    }
    case "hasattr": {
      const attr = args[1];
      if (typeof attr !== "string") return UNKNOWN;
      return hooks.hasAttr?.(args[0] ?? UNKNOWN, attr) ?? UNKNOWN;
    }
    case "len": {
      const v = args[0] ?? UNKNOWN;
      if (typeof v === "string" || Array.isArray(v)) return v.length;
      return iterate(v, env)?.length ?? UNKNOWN;
    }
    case "range":
      return range(args);
    case "enumerate": {
      const items = iterate(args[0] ?? UNKNOWN, env);
      return items ? items.map((x, i) => [i, x]) : UNKNOWN;
    }
    case "zip": {
      const lists = args.map((a) => iterate(a, env));
      if (lists.some((l) => !l)) return UNKNOWN;
      const n = Math.min(...lists.map((l) => l!.length));
      return Array.from({ length: n }, (_, i) => lists.map((l) => l![i]!));
    }
    case "list":
    case "tuple":
    case "reversed": {
      if (args.length === 0) return [];
      const items = iterate(args[0]!, env);
      if (!items) return UNKNOWN;
      return name === "reversed" ? [...items].reverse() : [...items];
    }
    case "min":
    case "max": {
      const xs = (args.length === 1 ? (iterate(args[0]!, env) ?? []) : args).map(asNumber);
      if (xs.length === 0 || xs.some((x) => x === null)) return UNKNOWN;
      return name === "min" ? Math.min(...(xs as number[])) : Math.max(...(xs as number[]));
    }
    case "sum": {
      const xs = (iterate(args[0] ?? UNKNOWN, env) ?? [UNKNOWN]).map(asNumber);
      return xs.some((x) => x === null) ? UNKNOWN : (xs as number[]).reduce((a, b) => a + b, 0);
    }
    case "bool": {
      const t = truthy(args[0] ?? false);
      return t === undefined ? UNKNOWN : t;
    }
    case "str":
      return typeof args[0] === "string" || typeof args[0] === "number"
        ? String(args[0])
        : UNKNOWN;
    case "dict":
      return dictOf(info);
    case "abs":
    case "int":
    case "float":
    case "round":
      return numeric(name, args);
    default:
      return undefined;
  }
}

function dictOf(info: CallInfo): Value {
  const entries = new Map<string, Value>();
  if (info.args.length > 0) {
    const pairs = iterate(info.args[0]!, info.env);
    if (!pairs || !info.complete) return UNKNOWN;
    for (const pair of pairs) {
      if (isTagged<DictValue>(info.args[0]!, "dict")) {
        entries.set(String(pair), (info.args[0] as DictValue).entries.get(String(pair))!);
        continue;
      }
      if (!Array.isArray(pair) || pair.length !== 2) return UNKNOWN;
      const [key, value] = pair;
      if (typeof key !== "string" && typeof key !== "number") return UNKNOWN;
      entries.set(String(key), value!);
    }
  }
  for (const [k, v] of info.kwargs) entries.set(k, v);
  return { tag: "dict", entries } as DictValue;
}

function stringMethod(self: string, name: string, args: Value[]): Value | undefined {
  const arg = args[0];
  const oneOf = (test: (s: string) => boolean): Value => {
    const options = Array.isArray(arg) ? arg : [arg];
    if (options.some((o) => typeof o !== "string")) return UNKNOWN;
    return options.some((o) => test(o as string));
  };
  switch (name) {
    case "endswith":
      return oneOf((s) => self.endsWith(s));
    case "startswith":
      return oneOf((s) => self.startsWith(s));
    case "find":
      return typeof arg === "string" ? self.indexOf(arg) : UNKNOWN;
    case "lower":
      return self.toLowerCase();
    case "upper":
      return self.toUpperCase();
    case "strip":
      return self.trim();
    case "split":
      return typeof arg === "string" ? self.split(arg) : self.split(/\s+/).filter(Boolean);
    case "replace":
      return typeof arg === "string" && typeof args[1] === "string"
        ? self.split(arg).join(args[1])
        : UNKNOWN;
    default:
      return undefined;
  }
}

function containerMethod(m: MethodValue, args: Value[]): Value | undefined {
  const self = m.self;
  if (Array.isArray(self)) {
    if (m.name === "append" && args.length === 1) self.push(args[0]!);
    else if (m.name === "extend" && Array.isArray(args[0])) self.push(...args[0]);
    else return undefined;
    return null;
  }
  if (isTagged<DictValue>(self, "dict")) {
    if (m.name === "items") return [...self.entries].map(([k, v]) => [k, v]);
    if (m.name === "keys") return [...self.entries.keys()];
    if (m.name === "values") return [...self.entries.values()];
    if (m.name === "get" && typeof args[0] === "string") {
      return self.entries.has(args[0]) ? self.entries.get(args[0])! : (args[1] ?? null);
    }
  }
  return undefined;
}

/** Computes a call the evaluator knows by itself, or undefined. */
export function callBuiltin(info: CallInfo): Value | undefined {
  const callee = info.callee;
  if (isTagged<QName>(callee, "qname")) {
    const name = callee.name;
    if (name.startsWith("builtins.")) return builtin(name.slice("builtins.".length), info);
    if (name === "collections.OrderedDict" || name === "typing.OrderedDict")
      return dictOf(info);
    if (name === "typing.cast") return info.args[1] ?? UNKNOWN;
    if (name === "torch.nn.init.calculate_gain") {
      const g = typeof info.args[0] === "string" ? info.args[0] : undefined;
      const p = asNumber(info.args[1] ?? info.kwargs.get("param"));
      return g ? (torchGain(g, p ?? undefined) ?? UNKNOWN) : UNKNOWN;
    }
    const math = /^(math|numpy)\.(\w+)$/.exec(name);
    if (math) return numeric(math[2]!, info.args);
    return undefined;
  }
  if (isTagged<MethodValue>(callee, "method")) {
    if (typeof callee.self === "string")
      return stringMethod(callee.self, callee.name, info.args);
    if (isUnknown(callee.self)) return UNKNOWN;
    return containerMethod(callee, info.args);
  }
  return undefined;
}

/** Constants the `math` module provides, for `math.pi`-style attribute reads. */
export function mathConstant(name: string): number | undefined {
  const constants: Record<string, number> = { "math.pi": Math.PI, "math.e": Math.E };
  return constants[name];
}
