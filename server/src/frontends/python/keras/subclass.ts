/**
 * Subclassed Keras models and layers: layers assigned to `self.x` in `__init__` (singly, as
 * lists or as a Sequential), ordered by the data flow of `call()`. Weights a custom layer makes
 * with `self.add_weight(initializer=...)` contribute their init calls.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { Model } from "../../../model/types";
import { argument, readCall } from "../common/calls";
import { evalNumber, type Scope } from "../common/literals";
import { rangeOf } from "../common/ranges";
import {
  assignmentsIn,
  childrenOf,
  type ClassInfo,
  flatStatements,
  functionScope,
  parametersOf,
} from "../common/syntax";
import type { KerasEnv } from "./env";
import { type Binding, newFlow, runStatements } from "../common/flow";
import { LayerNamer } from "../common/naming";
import { kerasDialect } from "./dialect";
import { readKerasInitializer, recordInitCall } from "./initializers";
import { buildLayer, layerClassOfCall } from "./layers";
import { isLayerBase, isModelClass, isSequential, kerasName } from "./names";

/** True when a class derives from `keras.Model` or `keras.layers.Layer`. */
export function isKerasSubclass(cls: ClassInfo, env: KerasEnv): boolean {
  return cls.bases.some((b) => {
    const name = kerasName(b, env.imports);
    return isModelClass(name) || isLayerBase(name);
  });
}

function listItems(node: Node, env: KerasEnv, path: string): Binding[] | null {
  if (node.type === "list" || node.type === "tuple") {
    const items = childrenOf(node);
    if (!items.every((c) => layerClassOfCall(c, env))) return null;
    return items.map((call, i) => ({
      kind: "layer",
      call,
      accessPath: `${path}[${i}]`,
      id: `${path.slice(5)}.${i}`,
    }));
  }
  if (node.type !== "list_comprehension") return null;
  const body = node.childForFieldName("body");
  const clause = childrenOf(node).find((c) => c.type === "for_in_clause");
  const right = clause?.childForFieldName("right");
  if (!body || !right || !layerClassOfCall(body, env)) return null;
  const range = readCall(right);
  const n =
    range?.callee.text === "range" ? evalNumber(range.positional[0] ?? null, env.scope) : null;
  // An uncountable comprehension stands for one layer, so depth is never overstated.
  const count = n !== null && Number.isInteger(n) && n > 0 && n <= 64 ? n : 1;
  return Array.from({ length: count }, (_, i) => ({
    kind: "layer" as const,
    call: body,
    accessPath: `${path}[${i}]`,
    id: `${path.slice(5)}.${i}`,
  }));
}

function bindingOf(value: Node, path: string, env: KerasEnv): Binding | null {
  if (layerClassOfCall(value, env))
    return { kind: "layer", call: value, accessPath: path, id: path.slice(5) };
  const parts = readCall(value);
  if (parts && isSequential(kerasName(parts.callee, env.imports))) {
    const list = argument(parts, "layers", 0);
    const items = list ? listItems(list, env, path) : [];
    return items ? { kind: "list", items } : null;
  }
  const items = listItems(value, env, path);
  return items ? { kind: "list", items } : null;
}

function flatten(binding: Binding): Binding[] {
  return binding.kind === "list" ? binding.items.flatMap(flatten) : [binding];
}

function weightInits(cls: ClassInfo, env: KerasEnv): void {
  for (const method of cls.methods.values()) {
    for (const a of assignmentsIn(method.body)) {
      const parts = readCall(a.value);
      if (!parts || parts.callee.text.replace(/\s+/g, "") !== "self.add_weight") continue;
      const init = parts.keywords.get("initializer");
      if (!init) continue;
      const read = readKerasInitializer(init.value, a.target.text, env);
      recordInitCall(env, read?.call ?? null);
    }
  }
}

/** The model a Keras subclass describes, or null when it holds no layers. */
export function subclassModel(
  cls: ClassInfo,
  opts: { env: KerasEnv; module: Scope },
): Model | null {
  const init = cls.methods.get("__init__");
  const scope = init ? functionScope(opts.module, init.params, init.body) : opts.module;
  const env: KerasEnv = { ...opts.env, scope };
  weightInits(cls, env);

  const flow = newFlow(kerasDialect(env), scope, new LayerNamer());
  const declared: Binding[] = [];
  for (const a of init ? assignmentsIn(init.body) : []) {
    const path = a.target.text.replace(/\s+/g, "");
    if (!path.startsWith("self.")) continue;
    const binding = bindingOf(a.value, path, env);
    if (!binding) continue;
    flow.bindings.set(path, binding);
    declared.push(binding);
  }

  const call = cls.methods.get("call") ?? cls.methods.get("__call__");
  if (call) {
    const input = parametersOf(call.params)[0];
    if (input) flow.values.set(input.name, { shape: null, producer: null });
    flow.scope = functionScope(scope, call.params, null);
    runStatements(flow, flatStatements(call.body));
  }
  // Layers `call()` never reaches still carry initializers the file states; read them anyway.
  const unused = declared
    .flatMap(flatten)
    .filter((b) => b.kind === "layer" && !flow.applied.has(b));
  for (const b of unused) {
    if (b.kind !== "layer") continue;
    const built = buildLayer(b.call, null, { env, namer: flow.namer, id: b.id });
    if (built && !call) {
      built.layer.accessPath = b.accessPath;
      flow.layers.push(built.layer);
    }
  }
  if (flow.layers.length === 0) return null;
  return {
    id: cls.name.text,
    name: cls.name.text,
    framework: "keras",
    range: rangeOf(cls.node),
    nameRange: rangeOf(cls.name),
    layers: flow.layers,
    orderFromDataFlow: call !== undefined,
  };
}
