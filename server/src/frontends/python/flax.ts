/**
 * The Flax front end (linen and nnx): every module class with its layers in `__call__` order,
 * their params and initializers in JAX's semantics, and every initializer the file names
 * recorded as an init call.
 */
import type { Model } from "../../model/types";
import { classesOf, moduleScope } from "./common/syntax";
import type { Extraction, PythonContext } from "./context";
import type { FlaxEnv } from "./flax/layers";
import { flaxModule } from "./flax/modules";
import { isModuleBase } from "./flax/names";

/** Extracts Flax models from a parsed Python file. */
export function extractFlax(ctx: PythonContext): Extraction {
  const env: FlaxEnv = { imports: ctx.imports, initCalls: [] };
  const module = moduleScope(ctx.tree);
  const models: Model[] = [];
  for (const cls of classesOf(ctx.tree)) {
    const style = cls.bases.map((b) => isModuleBase(b, ctx.imports)).find((s) => s !== null);
    if (!style) continue;
    const model = flaxModule(cls, { env, module, style });
    if (model) models.push(model);
  }
  return { models, initCalls: env.initCalls, gainCalls: [] };
}
