/**
 * Flax modules: linen `nn.Module` subclasses (layers inline in an `@nn.compact __call__`, or
 * fields of `setup()`), and nnx modules (layers made in `__init__` with their sizes). Order
 * and activations come from `__call__`; dataclass fields with defaults size the layers.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { Model } from "../../../model/types";
import { readCall } from "../common/calls";
import { type Binding, newFlow, runStatements } from "../common/flow";
import { evalNumber, type Scope } from "../common/literals";
import { LayerNamer } from "../common/naming";
import { rangeOf } from "../common/ranges";
import {
  assignmentOf,
  assignmentsIn,
  childrenOf,
  type ClassInfo,
  flatStatements,
  functionScope,
  parametersOf,
} from "../common/syntax";
import { flaxDialect } from "./dialect";
import { buildFlaxLayer, type FlaxEnv, flaxLayerClass } from "./layers";

function fieldScope(cls: ClassInfo, outer: Scope): Scope {
  const scope: Scope = new Map(outer);
  for (const stmt of childrenOf(cls.node.childForFieldName("body"))) {
    const a = assignmentOf(stmt);
    if (a && a.target.type === "identifier") scope.set(`self.${a.target.text}`, a.value);
  }
  return scope;
}

function literalItems(node: Node, scope: Scope): Node[] | null {
  const target =
    node.type === "identifier" || node.type === "attribute"
      ? (scope.get(node.text) ?? node)
      : node;
  if (target.type === "list" || target.type === "tuple") return childrenOf(target);
  const parts = readCall(target);
  if (parts?.callee.text !== "range") return null;
  const n = evalNumber(parts.positional[0] ?? null, scope);
  return n !== null && Number.isInteger(n) && n > 0 && n <= 64
    ? Array.from({ length: n }, () => parts.call)
    : null;
}

function bindingOf(value: Node, path: string, env: FlaxEnv, scope: Scope): Binding | null {
  const id = path.slice(5);
  if (flaxLayerClass(value, env.imports))
    return { kind: "layer", call: value, accessPath: path, id, scope };
  if (value.type === "list" || value.type === "tuple") {
    const items = childrenOf(value);
    if (!items.every((c) => flaxLayerClass(c, env.imports))) return null;
    return {
      kind: "list",
      items: items.map((call, i) => ({
        kind: "layer",
        call,
        accessPath: `${path}[${i}]`,
        id: `${id}.${i}`,
        scope,
      })),
    };
  }
  if (value.type !== "list_comprehension") return null;
  const body = value.childForFieldName("body");
  const clause = childrenOf(value).find((c) => c.type === "for_in_clause");
  const left = clause?.childForFieldName("left");
  const right = clause?.childForFieldName("right");
  if (!body || !left || !right || !flaxLayerClass(body, env.imports)) return null;
  // An uncountable comprehension stands for one layer, so depth is never overstated.
  const items = literalItems(right, scope) ?? [null];
  return {
    kind: "list",
    items: items.map((item, i) => ({
      kind: "layer" as const,
      call: body,
      accessPath: `${path}[${i}]`,
      id: `${id}.${i}`,
      scope: item && left.type === "identifier" ? new Map(scope).set(left.text, item) : scope,
    })),
  };
}

/** The model a Flax module describes, or null when it holds no layers. */
export function flaxModule(
  cls: ClassInfo,
  opts: { env: FlaxEnv; module: Scope; style: "linen" | "nnx" },
): Model | null {
  const fields = fieldScope(cls, opts.module);
  const maker = cls.methods.get(opts.style === "nnx" ? "__init__" : "setup");
  const scope = maker ? functionScope(fields, maker.params, maker.body) : fields;
  const flow = newFlow(flaxDialect(opts.env), scope, new LayerNamer());

  const declared: Binding[] = [];
  for (const a of maker ? assignmentsIn(maker.body) : []) {
    const path = a.target.text.replace(/\s+/g, "");
    if (!path.startsWith("self.")) continue;
    const binding = bindingOf(a.value, path, opts.env, scope);
    if (!binding) continue;
    flow.bindings.set(path, binding);
    declared.push(binding);
  }

  const call = cls.methods.get("__call__");
  if (call) {
    const input = parametersOf(call.params)[0];
    if (input) flow.values.set(input.name, { shape: null, producer: null });
    flow.scope = functionScope(scope, call.params, null);
    runStatements(flow, flatStatements(call.body));
  }
  // Layers `__call__` never reaches still state initializers; read them for the init calls.
  const flat = (b: Binding): Binding[] => (b.kind === "list" ? b.items.flatMap(flat) : [b]);
  for (const b of declared.flatMap(flat)) {
    if (b.kind !== "layer" || flow.applied.has(b)) continue;
    const built = buildFlaxLayer(b.call, null, {
      env: opts.env,
      scope: b.scope ?? scope,
      namer: flow.namer,
      id: b.id,
    });
    if (built && !call) flow.layers.push(built.layer);
  }
  if (flow.layers.length === 0) return null;
  return {
    id: cls.name.text,
    name: cls.name.text,
    framework: "flax",
    range: rangeOf(cls.node),
    nameRange: rangeOf(cls.name),
    layers: flow.layers,
    orderFromDataFlow: call !== undefined,
  };
}
