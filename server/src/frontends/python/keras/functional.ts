/**
 * Keras functional models: a block that creates `keras.Input(...)`, chains layers on it and
 * ends in `keras.Model(inputs, outputs)`. The model holds the layers whose output reaches its
 * outputs, in the order the block applies them.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { Model } from "../../../model/types";
import { readCall } from "../common/calls";
import { evalString, type Scope } from "../common/literals";
import { rangeOf } from "../common/ranges";
import type { Shape } from "../common/shapes";
import { flatStatements } from "../common/syntax";
import type { KerasEnv } from "./env";
import { newFlow, reaching, runStatements } from "../common/flow";
import { LayerNamer } from "../common/naming";
import { kerasDialect } from "./dialect";
import { isInput, kerasName } from "./names";
import { scopeAt } from "./scope";

function createsInput(block: Node, env: KerasEnv): boolean {
  return block
    .descendantsOfType("call")
    .some(
      (c) => c !== null && isInput(kerasName(c.childForFieldName("function"), env.imports)),
    );
}

function inputShapeOf(shapes: Shape[]): { inputShape?: number[] } {
  const first = shapes.length === 1 ? shapes[0] : null;
  return first && first.every((d) => d !== null) ? { inputShape: first as number[] } : {};
}

/** The functional models built in one block (the module or a function body). */
export function functionalModels(block: Node, opts: { env: KerasEnv; module: Scope }): Model[] {
  if (!createsInput(block, opts.env)) return [];
  const scope =
    block.type === "module"
      ? opts.module
      : scopeAt(block.namedChildren[0] ?? block, opts.module);
  const flow = newFlow(kerasDialect(opts.env), scope, new LayerNamer());
  runStatements(flow, flatStatements(block));

  const fn =
    block.parent?.type === "function_definition"
      ? block.parent.childForFieldName("name")
      : null;
  const models: Model[] = [];
  for (const m of flow.modelCalls) {
    const layers = reaching(flow, m.outputs);
    if (layers.length === 0) continue;
    const parts = readCall(m.call)!;
    const id = m.target?.text ?? fn?.text ?? "model";
    models.push({
      id,
      name: evalString(parts.keywords.get("name")?.value ?? null, scope) ?? id,
      framework: "keras",
      range: rangeOf(m.call),
      nameRange: rangeOf(m.target ?? parts.callee),
      layers,
      orderFromDataFlow: true,
      ...inputShapeOf(flow.inputShapes),
    });
  }
  return models;
}
