/**
 * The evaluator hooks of the PyTorch front end: attribute reads on modules and parameters
 * (`self.fc.weight`, `m.bias is None`, `p.data`), `isinstance` and `hasattr` on layers,
 * iteration over containers, and calls: init functions, constructors, functions of the file,
 * and the module methods that matter for init (`apply`, `modules()`, `named_parameters()`).
 */
import type { CallInfo, EvalHooks } from "./evaluate";
import { bindInit } from "./binding";
import { construct } from "./construct";
import { initName, readInitCall } from "./init-calls";
import type { Frame, FunctionValue, Interpreter } from "./interpret";
import { callModuleMethod } from "./module-methods";
import {
  type ContainerModule,
  type InstanceModule,
  type LeafModule,
  type ParamRef,
  isModule,
} from "./modules";
import { type QName, type Value, Scope, UNKNOWN, asInt, isTagged } from "./values";

const layerFields: Record<string, keyof LeafModule["layer"]> = {
  in_features: "inFeatures",
  out_features: "outFeatures",
  in_channels: "inFeatures",
  out_channels: "outFeatures",
  num_features: "outFeatures",
  embedding_dim: "outFeatures",
  num_embeddings: "numEmbeddings",
  hidden_size: "hiddenSize",
  num_layers: "numLayers",
  groups: "groups",
  kernel_size: "kernelSize",
};

/** `m.__class__`, whose `__name__` DCGAN-style dispatch compares with strings. */
function classObj(name: string): Value {
  return { tag: "classobj", name } as Value;
}

const weightedKinds = new Set(["linear", "conv", "convTranspose", "norm"]);

function leafAttribute(leaf: LeafModule, name: string): Value | undefined {
  const param = leaf.layer.params.find((p) => p.name === name);
  if (param) return { tag: "param", leaf, param } as ParamRef;
  // A Linear built with bias=False, or a norm without affine, still has the attribute: None.
  if ((name === "bias" || name === "weight") && weightedKinds.has(leaf.layer.kind)) return null;
  if (name === "__class__") return classObj(leaf.classes[0]!.split(".").pop()!);
  const field = layerFields[name];
  if (field) {
    const v = leaf.layer[field];
    if (typeof v === "number" || typeof v === "boolean") return v;
    if (Array.isArray(v)) return v.map((d) => (typeof d === "number" ? d : UNKNOWN));
    return UNKNOWN;
  }
  return undefined;
}

function classScope(interp: Interpreter, className: string, depth = 0): Scope | undefined {
  const cls = interp.index.classes.get(className);
  if (!cls || depth > 16) return undefined;
  const cached = interp.classScopes.get(className);
  if (cached) return cached;
  // Class attributes inherit from the first base of the file, as Python's lookup would.
  const base = interp.localBases(cls)[0];
  const parent = (base && classScope(interp, base.name, depth + 1)) || interp.moduleScope;
  const scope = new Scope(parent);
  interp.classScopes.set(className, scope);
  interp.execStatements(cls.constants, interp.frame({ scope }));
  return scope;
}

function instanceAttribute(
  interp: Interpreter,
  inst: InstanceModule,
  name: string,
): Value | undefined {
  if (inst.attrs.has(name)) return inst.attrs.get(name);
  if (name === "training") return UNKNOWN;
  if (name === "__class__") return classObj(inst.className);
  const scope = classScope(interp, inst.className);
  return scope?.has(name) ? scope.get(name) : undefined;
}

function attribute(interp: Interpreter, obj: Value, name: string): Value | undefined {
  if (isTagged<LeafModule>(obj, "leaf")) return leafAttribute(obj, name);
  if (isTagged<InstanceModule>(obj, "instance")) return instanceAttribute(interp, obj, name);
  if (isTagged<ContainerModule>(obj, "container")) {
    if (obj.kind === "modulelist") return undefined;
    return obj.entries.find((e) => e.key === name)?.value;
  }
  if (isTagged<ParamRef>(obj, "param")) {
    if (name === "data") return obj;
    const shape = obj.param.shape?.map((d) => (d === null ? UNKNOWN : d));
    if (name === "shape") return shape ?? UNKNOWN;
    if (name === "ndim") return shape?.length ?? UNKNOWN;
    return undefined;
  }
  if (isTagged<QName>(obj, "qname") && interp.index.classes.has(obj.name)) {
    const scope = classScope(interp, obj.name);
    return scope?.has(name) ? scope.get(name) : undefined;
  }
  if (
    obj !== null &&
    typeof obj === "object" &&
    !Array.isArray(obj) &&
    obj.tag === "classobj"
  ) {
    return name === "__name__" ? (obj as unknown as { name: string }).name : UNKNOWN;
  }
  return undefined;
}

function item(obj: Value, key: Value): Value | undefined {
  if (!isTagged<ContainerModule>(obj, "container")) return undefined;
  if (obj.kind === "moduledict") return obj.entries.find((e) => e.key === key)?.value;
  const i = asInt(key);
  if (i === null) return UNKNOWN;
  const at = i < 0 ? obj.entries.length + i : i;
  // Entries keep their source index as key even when some element was unknown.
  return obj.entries.find((e) => e.key === String(at))?.value ?? UNKNOWN;
}

/** Calls a function value, a bound method of an instance, or nothing. */
export function callCallable(
  interp: Interpreter,
  fn: Value,
  args: Value[],
  frame: Frame,
): Value {
  if (isTagged<FunctionValue>(fn, "function"))
    return interp.callFunction(fn, args, new Map(), frame);
  if (fn !== null && typeof fn === "object" && !Array.isArray(fn) && fn.tag === "method") {
    const m = fn as unknown as { self: Value; name: string };
    if (isTagged<InstanceModule>(m.self, "instance")) {
      const cls = interp.index.classes.get(m.self.className);
      const found = cls ? interp.findMethod(cls, m.name) : null;
      if (found) {
        const bound: FunctionValue = {
          tag: "function",
          node: found.node,
          self: m.self,
          cls: found.cls,
        };
        return interp.callFunction(bound, args, new Map(), frame);
      }
    }
  }
  return UNKNOWN;
}

function call(interp: Interpreter, info: CallInfo): Value | undefined {
  const frame = (info.env.frame as Frame | undefined) ?? interp.frame();
  const callee = info.callee;
  if (isTagged<QName>(callee, "qname")) {
    if (callee.name === "builtins.super") return { tag: "super" };
    const name = initName(callee.name);
    if (name) {
      const target = info.args[0] ?? info.kwargs.get("tensor") ?? UNKNOWN;
      const read = readInitCall(name, info);
      if (!interp.initReads.has(info.node.id)) interp.initReads.set(info.node.id, read);
      bindInit(interp, frame, { target, read, node: info.node, origin: frame.origin });
      return target;
    }
    return construct(interp, info, frame.depth);
  }
  if (isTagged<FunctionValue>(callee, "function")) {
    return interp.callFunction(callee, info.args, info.kwargs, frame);
  }
  if (
    callee !== null &&
    typeof callee === "object" &&
    !Array.isArray(callee) &&
    callee.tag === "method"
  ) {
    return callModuleMethod(interp, info, frame);
  }
  return undefined;
}

/** The hooks for one interpreter. */
export function makeHooks(interp: Interpreter): EvalHooks {
  return {
    attribute: (obj, name) => attribute(interp, obj, name),
    item,
    call: (info) => call(interp, info),
    classOf: (v) => {
      if (isModule(v)) return v.classes;
      if (isTagged<ParamRef>(v, "param"))
        return ["torch.nn.Parameter", "torch.nn.parameter.Parameter", "torch.Tensor"];
      if (typeof v === "string") return ["builtins.str"];
      if (typeof v === "number")
        return [Number.isInteger(v) ? "builtins.int" : "builtins.float"];
      return undefined;
    },
    hasAttr: (v, name) => {
      if (isTagged<LeafModule>(v, "leaf")) {
        if (leafAttribute(v, name) !== undefined) return true;
        return v.layer.kind === "other" ? undefined : false;
      }
      if (isTagged<InstanceModule>(v, "instance"))
        return instanceAttribute(interp, v, name) !== undefined || undefined;
      return undefined;
    },
    iterate: (v) => {
      if (!isTagged<ContainerModule>(v, "container")) return undefined;
      if (v.kind === "moduledict") return v.entries.map((e) => e.key);
      return v.entries.map((e) => e.value);
    },
  };
}
