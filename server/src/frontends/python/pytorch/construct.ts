/**
 * What a constructor call evaluates to: `torch.nn` layers become leaf modules, Sequential,
 * ModuleList and ModuleDict become containers, and a model class of the same file becomes
 * an instance built by running its `__init__` (once per distinct argument list, then copied).
 */
import type { SyntaxNode as Node } from "../syntax-node";
import { qualify } from "../imports";
import type { CallInfo } from "./evaluate";
import { evaluate } from "./evaluate";
import type { ClassInfo } from "./file-index";
import type { Interpreter } from "./interpret";
import { torchBases, torchLayer } from "./layers";
import {
  type ContainerModule,
  type InstanceModule,
  type LeafModule,
  type ModuleValue,
  cloneModule,
  isModule,
} from "./modules";
import { callArgs, callSite, calleeText, named, toRange, field } from "./syntax";
import { type DictValue, type QName, type Value, Scope, UNKNOWN, isTagged } from "./values";

/** `torch.nn.modules.linear.Linear` and `torch.nn.Linear` both read as `torch.nn.Linear`. */
export function normalizeTorchName(name: string): string {
  const parts = name.split(".");
  const last = parts[parts.length - 1]!;
  if (name.startsWith("torch.nn.modules.") && !last.startsWith("_")) return `torch.nn.${last}`;
  return name;
}

/** The value a constructor call makes, or undefined when it is not a module constructor. */
export function construct(
  interp: Interpreter,
  info: CallInfo,
  depth: number,
): Value | undefined {
  if (!isTagged<QName>(info.callee, "qname")) return undefined;
  const cls = interp.index.classes.get(info.callee.name);
  if (cls) return isModelClass(interp, cls) ? instantiate(interp, cls, info, depth) : UNKNOWN;
  const name = normalizeTorchName(info.callee.name);
  if (!name.startsWith("torch.nn.")) return undefined;
  const short = name.slice("torch.nn.".length);
  if (short.includes(".") || !/^[A-Z]/.test(short)) return undefined;
  if (short === "Sequential" || short === "ModuleList" || short === "ModuleDict") {
    return container(interp, short, info);
  }
  if (short.startsWith("Parameter")) return UNKNOWN;
  return leaf(short, name, info.node, info);
}

function leaf(short: string, qualified: string, node: Node, info: CallInfo): LeafModule {
  const shape = torchLayer(short, info);
  const layer = {
    id: "",
    name: "",
    op: calleeText(node),
    ...shape,
    range: toRange(node),
    call: callSite(node),
  };
  return { tag: "leaf", layer, classes: [qualified, ...torchBases(short)] };
}

function container(interp: Interpreter, short: string, info: CallInfo): ContainerModule {
  const kind =
    short === "Sequential"
      ? "sequential"
      : short === "ModuleList"
        ? "modulelist"
        : "moduledict";
  const entries: ContainerModule["entries"] = [];
  const first = info.args[0];
  const keyed = isTagged<DictValue>(first, "dict") ? first : undefined;
  if (keyed && (kind !== "sequential" || info.args.length === 1)) {
    for (const [key, value] of keyed.entries) if (isModule(value)) entries.push({ key, value });
  } else if (kind === "sequential") {
    info.args.forEach((value, i) => {
      if (isModule(value)) entries.push({ key: String(i), value });
    });
  } else if (Array.isArray(first)) {
    first.forEach((value, i) => {
      if (isModule(value)) entries.push({ key: String(i), value });
    });
  } else if (first !== undefined && kind === "modulelist") {
    const one = representative(interp, info);
    if (one) entries.push({ key: "0", value: one });
  }
  return {
    tag: "container",
    kind,
    classes: [`torch.nn.${short}`, "torch.nn.Module"],
    entries,
    id: "",
  };
}

/**
 * `nn.ModuleList([Block(c) for _ in range(c.n_layer)])` with an unknown count: one element
 * stands for all, so the layers' kinds and inits are still seen (the depth is not).
 */
function representative(interp: Interpreter, info: CallInfo): ModuleValue | undefined {
  const node = callArgs(info.node).positional[0];
  if (node?.type !== "list_comprehension") return undefined;
  const clause = named(node).find((c) => c.type === "for_in_clause");
  const target = clause?.childForFieldName("left");
  const scope = new Scope(info.env.scope);
  if (target?.type === "identifier") scope.set(target.text, UNKNOWN);
  const value = evaluate(field(node, "body"), { ...info.env, scope });
  if (!isModule(value)) return undefined;
  // Named by its class, not its line: a note outlives the lines moving (descriptions are
  // reused with moved positions, and a note is text).
  const owner = interp.describing[interp.describing.length - 1] ?? "module level";
  interp.notes.push(
    `pytorch: a ModuleList in ${owner} has an unknown length; one element stands for all`,
  );
  return value;
}

/** True for `nn.Module` subclasses, directly or through other classes of the file. */
export function isModelClass(interp: Interpreter, cls: ClassInfo, depth = 0): boolean {
  const cached = interp.modelClasses.get(cls.name);
  if (cached !== undefined) return cached;
  if (depth > 16) return false;
  interp.modelClasses.set(cls.name, false);
  const result = cls.bases.some((base) => {
    const q = qualify(base, interp.imports);
    if (q && normalizeTorchName(q) === "torch.nn.Module") return true;
    const local = base.type === "identifier" ? interp.index.classes.get(base.text) : undefined;
    return local !== undefined && local !== cls && isModelClass(interp, local, depth + 1);
  });
  interp.modelClasses.set(cls.name, result);
  return result;
}

function classChain(interp: Interpreter, cls: ClassInfo): string[] {
  const out = [cls.name];
  for (let i = 0; i < out.length && i < 16; i++) {
    const current = interp.index.classes.get(out[i]!);
    for (const base of current ? interp.localBases(current) : []) out.push(base.name);
  }
  return [...out, "torch.nn.Module"];
}

function memoKey(cls: ClassInfo, info: CallInfo): string | null {
  const plain = (v: Value): boolean =>
    v === null ||
    typeof v !== "object" ||
    (Array.isArray(v) ? v.every(plain) : v.tag === "qname" || v.tag === "unknown");
  const values = [...info.args, ...info.kwargs.values()];
  if (!info.complete || !values.every(plain)) return null;
  return JSON.stringify([cls.name, info.args, [...info.kwargs]]);
}

/** A fresh instance of a model class of the file, as its `__init__` builds it. */
export function instantiate(
  interp: Interpreter,
  cls: ClassInfo,
  info: CallInfo,
  depth: number,
): Value {
  const key = memoKey(cls, info);
  const cached = key ? interp.templates.get(key) : undefined;
  if (cached) return cloneModule(cached);
  if (interp.describing.includes(cls.name) || interp.describing.length > 12) {
    interp.notes.push(
      `pytorch: ${cls.name} builds itself recursively; its inner instance is left empty`,
    );
    return UNKNOWN;
  }
  const instance: InstanceModule = {
    tag: "instance",
    className: cls.name,
    classes: classChain(interp, cls),
    attrs: new Map(),
    id: "",
  };
  const previous = interp.currentModel;
  interp.describing.push(cls.name);
  interp.currentModel = cls.name;
  try {
    interp.runInit(cls, instance, info.args, info.kwargs, depth);
  } finally {
    interp.describing.pop();
    interp.currentModel = previous;
  }
  if (key) interp.templates.set(key, instance);
  return cloneModule(instance);
}
