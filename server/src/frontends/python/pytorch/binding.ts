/**
 * Binds an init to the parameter it reaches: the parameter's `init` becomes the newest
 * initializer and `history` keeps every one in order. The file-level InitCall and GainCall
 * facts learn what the call touched (a norm parameter, a bias, the layer a gain feeds).
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { InitOrigin } from "../../../model/types";
import { type InitRead, gainNodesIn, initializerAt } from "./init-calls";
import type { Frame, Interpreter } from "./interpret";
import type { ParamRef } from "./modules";
import { callArgs } from "./syntax";
import { type Value, isTagged } from "./values";

/** Applies an init read from `node` to `target` when it is a parameter. */
export function bindInit(
  interp: Interpreter,
  frame: Frame,
  binding: { target: Value; read: InitRead; node: Node; origin: InitOrigin },
): void {
  const { target, read, node, origin } = binding;
  if (!isTagged<ParamRef>(target, "param")) return;
  const init = initializerAt(read, node, origin);
  const param = target.param;
  param.history = [...(param.history ?? []), init];
  param.init = init;

  if (!interp.initTouches.has(node.id)) {
    if (param.role === "normWeight" || param.role === "normBias")
      interp.initTouches.set(node.id, "norm");
    else if (param.role === "bias" || param.role === "recurrentBias")
      interp.initTouches.set(node.id, "bias");
  }
  if (param.role === "bias" || param.role === "normBias") return;
  for (const gain of gainSources(node, frame)) {
    if (interp.gainLinks.has(gain.id)) continue;
    interp.gainLinks.set(gain.id, {
      layerId: target.leaf.layer.id,
      modelId: interp.currentModel,
    });
  }
}

/** The calculate_gain calls feeding an init call, directly or through a variable. */
function gainSources(node: Node, frame: Frame): Node[] {
  const direct = gainNodesIn(node);
  const { positional, keywords } = callArgs(node);
  for (const arg of [...positional, ...keywords.values()]) {
    const viaVariable = arg.type === "identifier" ? frame.gains.get(arg.text) : undefined;
    if (viaVariable) direct.push(viaVariable);
  }
  return direct;
}
