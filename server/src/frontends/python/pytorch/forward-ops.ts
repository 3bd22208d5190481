/**
 * Functional and tensor-method ops that `forward()` turns into layer nodes: activations
 * (`F.relu`, `torch.tanh`, `x.relu()`), norms (`F.layer_norm`), pooling, dropout and
 * flattening (`torch.flatten`, `x.view(x.size(0), -1)`).
 */
import type { Layer } from "../../../model/types";
import { functionalActivation, tensorActivations, type ActivationSpec } from "./activations";

/** What a functional call or tensor method becomes in the data flow. */
export interface FunctionalOp {
  kind: Layer["kind"];
  /** Base of the generated id (`relu` gives `relu#1`). */
  base: string;
  norm?: Layer["norm"];
  activation?: ActivationSpec;
}

const fnNorms: Record<string, Layer["norm"]> = {
  layer_norm: "layer",
  batch_norm: "batch",
  group_norm: "group",
  instance_norm: "instance",
  rms_norm: "rms",
};

function byName(name: string): FunctionalOp | undefined {
  const norm = fnNorms[name];
  if (norm) return { kind: "norm", base: name, norm };
  if (/^(adaptive_)?(max|avg|lp)_pool[123]d$/.test(name))
    return { kind: "pooling", base: name };
  if (/^(feature_)?(alpha_)?dropout([123]d)?$/.test(name))
    return { kind: "dropout", base: name };
  if (name === "flatten") return { kind: "flatten", base: name };
  return undefined;
}

/** The op a qualified functional callee names (`torch.nn.functional.relu`), if any. */
export function functionalOp(qualified: string): FunctionalOp | undefined {
  const activation = functionalActivation(qualified);
  const short = qualified.split(".").pop()!;
  if (activation) return { kind: "activation", base: short.replace(/_$/, ""), activation };
  if (qualified.startsWith("torch.nn.functional.") || /^torch\.\w+$/.test(qualified)) {
    return byName(short);
  }
  return undefined;
}

/** The op a tensor method names (`x.relu()`, `x.flatten(1)`), if any. */
export function tensorMethodOp(name: string): FunctionalOp | undefined {
  const activation = tensorActivations[name];
  if (activation) return { kind: "activation", base: name.replace(/_$/, ""), activation };
  if (name === "flatten") return { kind: "flatten", base: "flatten" };
  return undefined;
}
