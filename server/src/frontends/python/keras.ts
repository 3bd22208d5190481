/**
 * The Keras front end (Keras 3, tf.keras, tf_keras): Sequential models, functional graphs and
 * subclassed models, with every layer's params and initializers in Keras's own semantics and
 * every initializer the file names recorded as an init call for IL011.
 */
import type { SyntaxNode as Node } from "./syntax-node";
import type { Model } from "../../model/types";
import { classesOf, moduleScope } from "./common/syntax";
import type { Extraction, PythonContext } from "./context";
import type { KerasEnv } from "./keras/env";
import { functionalModels } from "./keras/functional";
import { isSequential, kerasName } from "./keras/names";
import { sequentialModel } from "./keras/sequential";
import { isKerasSubclass, subclassModel } from "./keras/subclass";

function uniqueIds(models: Model[]): void {
  const seen = new Map<string, number>();
  for (const m of models) {
    const n = seen.get(m.id) ?? 0;
    seen.set(m.id, n + 1);
    if (n > 0) m.id = `${m.id}_${n + 1}`;
  }
}

function insideAny(node: Node, containers: Node[]): boolean {
  return containers.some((c) => node.startIndex >= c.startIndex && node.endIndex <= c.endIndex);
}

/** Extracts Keras models from a parsed Python file. */
export function extractKeras(ctx: PythonContext): Extraction {
  const module = moduleScope(ctx.tree);
  const env: KerasEnv = {
    imports: ctx.imports,
    scope: module,
    initCalls: [],
    notes: [],
    misplaced: [],
  };
  const models: Model[] = [];

  // Subclasses first: a Sequential assigned to `self.x` belongs to its class's model.
  const subclasses = classesOf(ctx.tree).filter((c) => isKerasSubclass(c, env));
  for (const cls of subclasses) {
    const model = subclassModel(cls, { env, module });
    if (model) models.push(model);
  }
  const inits = subclasses
    .map((c) => c.methods.get("__init__")?.node)
    .filter((n): n is Node => !!n);

  for (const call of ctx.tree.rootNode.descendantsOfType("call")) {
    if (!call || !isSequential(kerasName(call.childForFieldName("function"), ctx.imports)))
      continue;
    if (insideAny(call, inits)) continue;
    const model = sequentialModel(call, { env, module });
    if (model && model.layers.length > 0) models.push(model);
  }

  const blocks = [
    ctx.tree.rootNode,
    ...ctx.tree.rootNode.descendantsOfType("function_definition"),
  ];
  for (const fn of blocks) {
    if (!fn) continue;
    const block = fn.type === "module" ? fn : fn.childForFieldName("body");
    if (block) models.push(...functionalModels(block, { env, module }));
  }

  uniqueIds(models);
  const facts =
    env.misplaced.length > 0 ? { keras: { misplacedInitializer: env.misplaced } } : {};
  return { models, initCalls: env.initCalls, gainCalls: [], facts, notes: env.notes };
}
