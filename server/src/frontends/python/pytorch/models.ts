/**
 * Turns described module trees into Models: a class's layers in the order its `forward()`
 * passes them (declaration order when there is no usable forward), a module-level
 * Sequential's layers in sequence, and repeats of one constructor call marked as such.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { Layer, Model } from "../../../model/types";
import type { ClassInfo } from "./file-index";
import { ForwardWalker } from "./forward";
import type { Interpreter } from "./interpret";
import { type InstanceModule, type ModuleValue, leavesOf } from "./modules";
import { toRange } from "./syntax";

function markRepeats(layers: Layer[]): void {
  const first = new Map<string, string>();
  for (const layer of layers) {
    if (!layer.call || layer.repeatOf) continue;
    const key = `${layer.range.start.line}:${layer.range.start.character}`;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, layer.id);
    else layer.repeatOf = seen;
  }
}

/** The Model of a class, from the instance its `__init__` built. */
export function classModel(
  interp: Interpreter,
  cls: ClassInfo,
  instance: InstanceModule,
): Model {
  const leaves = leavesOf(instance).map((l) => l.layer);
  const hasForward = interp.findMethod(cls, "forward") !== null;
  const walker = new ForwardWalker(interp);
  if (hasForward) walker.walkInstance(instance, ["input"], 0);
  const followed = hasForward && (leaves.length === 0 || leaves.some((l) => walker.reached(l)));
  let layers: Layer[];
  if (followed) {
    const unreached = leaves.filter((l) => !walker.reached(l));
    for (const layer of unreached) layer.outsideDataFlow = true;
    layers = [...walker.layers, ...unreached];
  } else {
    layers = leaves;
    if (hasForward)
      interp.notes.push(
        `pytorch: could not follow ${cls.name}.forward(); layers are in declaration order`,
      );
  }
  markRepeats(layers);
  return {
    id: cls.name,
    name: cls.name,
    framework: "pytorch",
    range: toRange(cls.node),
    nameRange: toRange(cls.nameNode),
    layers,
    orderFromDataFlow: followed,
  };
}

/** The Model of a module-level `name = nn.Sequential(...)`. */
export function sequentialModel(name: Node, value: ModuleValue, definition: Node): Model {
  const layers = leavesOf(value).map((l) => l.layer);
  markRepeats(layers);
  return {
    id: name.text,
    name: name.text,
    framework: "pytorch",
    range: toRange(definition),
    nameRange: toRange(name),
    layers,
    orderFromDataFlow: true,
  };
}
