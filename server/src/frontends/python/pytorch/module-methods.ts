/**
 * Method calls on module and parameter values while `__init__` and init code are read:
 * `apply(fn)`, `modules()` and friends, `add_module`, `ModuleList.append`, methods of the
 * file's own classes, `super().__init__()`, and in-place tensor inits (`w.data.normal_()`).
 */
import type { CallInfo } from "./evaluate";
import { bindInit } from "./binding";
import { callCallable } from "./hooks";
import { readArgs } from "./init-calls";
import { tensorInitMethods } from "./init-names";
import type { Frame, FunctionValue, Interpreter } from "./interpret";
import {
  type ContainerModule,
  type InstanceModule,
  type ModuleValue,
  type ParamRef,
  attach,
  childrenOf,
  idOf,
  isModule,
  allModules,
  namedParameters,
  relativeName,
} from "./modules";
import { statementOf } from "./syntax";
import { type MethodValue, type Value, UNKNOWN, asInt, isTagged } from "./values";

const chainable = new Set([
  "to",
  "cuda",
  "cpu",
  "float",
  "double",
  "half",
  "bfloat16",
  "train",
  "eval",
  "requires_grad_",
  "type",
]);

/** `modules()`, `parameters()` and their named forms, as Python lists. */
function iteration(m: ModuleValue, name: string): Value | undefined {
  const base = idOf(m);
  switch (name) {
    case "modules":
      return allModules(m);
    case "named_modules":
      return allModules(m).map((x) => [x === m ? "" : relativeName(idOf(x), base), x]);
    case "children":
      return childrenOf(m).map((c) => c.value);
    case "named_children":
      return childrenOf(m).map((c) => [c.key, c.value]);
    case "parameters":
      return namedParameters(m).map(([, p]) => p);
    case "named_parameters":
      return namedParameters(m);
    default:
      return undefined;
  }
}

function apply(interp: Interpreter, m: ModuleValue, fn: Value, frame: Frame): Value {
  const inner: Frame = { ...frame, origin: "apply" };
  // PyTorch's apply visits children before their parent.
  for (const x of allModules(m).reverse()) callCallable(interp, fn, [x], inner);
  return m;
}

function append(c: ContainerModule, values: Value[], info: CallInfo): void {
  for (const value of values) {
    if (!isModule(value)) continue;
    const key = String(c.entries.length);
    c.entries.push({ key, value });
    const point = c.point;
    if (!point) continue;
    const statement = statementOf(info.node);
    const insertInitAt = {
      position: { line: statement.endPosition.row + 1, character: 0 },
      indent: point.insertInitAt?.indent ?? "",
    };
    const id = point.id === "" ? key : `${point.id}.${key}`;
    attach(value, { ...point, id, access: `${point.access}[${key}]`, insertInitAt }, undefined);
  }
}

function instanceMethod(
  interp: Interpreter,
  inst: InstanceModule,
  name: string,
  info: CallInfo,
  frame: Frame,
): Value {
  if (
    (name === "add_module" || name === "register_module") &&
    typeof info.args[0] === "string"
  ) {
    interp.register(inst, info.args[0], info.args[1] ?? UNKNOWN, statementOf(info.node));
    return null;
  }
  const cls = interp.index.classes.get(inst.className);
  const found = cls ? interp.findMethod(cls, name) : null;
  if (!found) return UNKNOWN;
  const fn: FunctionValue = { tag: "function", node: found.node, self: inst, cls: found.cls };
  return interp.callFunction(fn, info.args, info.kwargs, frame);
}

function paramMethod(
  interp: Interpreter,
  ref: ParamRef,
  name: string,
  info: CallInfo,
  frame: Frame,
): Value {
  const sig = tensorInitMethods[name];
  if (sig) {
    const read = { family: sig.family, args: readArgs(sig, info, 0) };
    const origin = frame.origin === "call" ? "inplace" : frame.origin;
    bindInit(interp, frame, { target: ref, read, node: info.node, origin });
    return ref;
  }
  const shape = ref.param.shape;
  if (name === "dim" || name === "ndimension") return shape ? shape.length : UNKNOWN;
  if (name === "size" && shape) {
    const i = asInt(info.args[0]);
    if (info.args.length === 0) return shape.map((d) => d ?? UNKNOWN);
    const d = i === null ? undefined : shape[i < 0 ? shape.length + i : i];
    return typeof d === "number" ? d : UNKNOWN;
  }
  return UNKNOWN;
}

/** Handles a call whose callee is `value.method`; UNKNOWN when nothing is known about it. */
export function callModuleMethod(
  interp: Interpreter,
  info: CallInfo,
  frame: Frame,
): Value | undefined {
  const { self, name } = info.callee as MethodValue;
  if (isTagged<ParamRef>(self, "param")) return paramMethod(interp, self, name, info, frame);
  if (
    self !== null &&
    typeof self === "object" &&
    !Array.isArray(self) &&
    self.tag === "super"
  ) {
    if (name !== "__init__" || !frame.self || !frame.cls) return null;
    const base = interp.localBases(frame.cls)[0];
    if (base) interp.runInit(base, frame.self, info.args, info.kwargs, frame.depth + 1);
    return null;
  }
  if (!isModule(self)) return undefined;
  if (name === "apply") return apply(interp, self, info.args[0] ?? UNKNOWN, frame);
  if (chainable.has(name)) return self;
  const listed = iteration(self, name);
  if (listed !== undefined) return listed;
  if (self.tag === "instance") return instanceMethod(interp, self, name, info, frame);
  if (self.tag === "container" && (name === "append" || name === "extend")) {
    const values =
      name === "append"
        ? [info.args[0] ?? UNKNOWN]
        : Array.isArray(info.args[0])
          ? info.args[0]
          : [];
    append(self, values, info);
    return self;
  }
  return UNKNOWN;
}
