/**
 * IL001's judgement of one layer: does its weight initializer's scale fit the activation its
 * output feeds? Decided on the numbers (connections * Var(W) times the activation's factor)
 * for the schemes the advice is about, so a Glorot init with ReLU's gain is not a mismatch.
 */
import type {
  Activation,
  FileDescription,
  Framework,
  Initializer,
  Layer,
} from "../model/types";
import type { Pairing } from "../model/pairing";
import { activationFactor, activationFamily } from "../knowledge/activations";
import { initScheme, type InitScheme } from "../knowledge/initializers";
import { weightMultiplier } from "../knowledge/predict";
import type { TargetScheme } from "../fixes/types";
import { contains } from "./reach";

/** Why a layer's init does not fit its activation. */
export type MismatchKind = "relu-too-small" | "saturating-on-he" | "selu-off-lecun";

/** One layer's mismatch, with the numbers the message states. */
export interface Mismatch {
  kind: MismatchKind;
  scheme: InitScheme;
  init: Initializer;
  activation: Activation;
  /** `connections * Var(W)` as realised. */
  multiplier: number;
  /** The multiplier times the activation's small-input factor: the per-layer change. */
  perLayer: number;
  /** The framework's truncated normal realises less than the nominal variance (TF.js). */
  uncorrected: boolean;
  /** The layer's dims were unknown, so a square layer was assumed for the numbers. */
  assumedSquare: boolean;
  /** The scheme a fix should switch to. */
  target: TargetScheme;
}

const reluWeakSchemes: ReadonlySet<InitScheme> = new Set(["glorot", "lecun", "torch_default"]);
const seluSchemes: ReadonlySet<InitScheme> = new Set([
  "glorot",
  "he",
  "lecun",
  "torch_default",
]);

/** The layer with its dims replaced by a square 256-wide shape, for scale-free schemes. */
function squared(layer: Layer): Layer {
  const kernel = layer.kernelSize?.map(() => 3);
  return {
    ...layer,
    inFeatures: 256,
    outFeatures: 256,
    groups: 1,
    ...(kernel ? { kernelSize: kernel } : {}),
    params: layer.params.map((p) => ({ ...p, shape: null })),
  };
}

/** The weight multiplier of a layer, assuming a square layer when its dims are unknown. */
export function judgedMultiplier(layer: Layer, fw: Framework): number | null {
  return multiplierOf(layer, fw)?.value ?? null;
}

interface Multiplier {
  /** As the samples realise it. */
  value: number;
  /** As the initializer intends it (differs under TF.js's uncorrected truncation). */
  nominal: number;
  assumed: boolean;
}

function multiplierOf(layer: Layer, fw: Framework): Multiplier | null {
  const direct = weightMultiplier(layer, fw);
  const found = direct ?? weightMultiplier(squared(layer), fw);
  if (!found) return null;
  const w = found.weight;
  const ratio = w.realised > 0 ? w.nominal / w.realised : 1;
  return { value: found.multiplier, nominal: found.multiplier * ratio, assumed: !direct };
}

/** A gain call nested in the init leaves the judgement to IL012. */
function hasGainCall(file: FileDescription, init: Initializer): boolean {
  const range = init.range;
  return !!range && file.gainCalls.some((g) => contains(range, g.range));
}

function classify(
  family: ReturnType<typeof activationFamily>,
  scheme: InitScheme,
  mult: Multiplier,
  perLayer: number,
): MismatchKind | null {
  if (family === "relu" && reluWeakSchemes.has(scheme) && perLayer < 0.9) {
    return "relu-too-small";
  }
  if (family === "saturating" && scheme === "he") return "saturating-on-he";
  // SELU is judged on the intended variance: TF.js's leCunNormal is the framework's own
  // recipe, and its truncation shortfall is a framework bug the probe measures.
  if (family === "selu" && seluSchemes.has(scheme) && Math.abs(mult.nominal - 1) > 0.2) {
    return "selu-off-lecun";
  }
  return null;
}

const targets: Record<MismatchKind, TargetScheme> = {
  "relu-too-small": "he",
  "saturating-on-he": "glorot",
  "selu-off-lecun": "lecun",
};

/** The layer's mismatch, or `null` when it fits, is normalised, or anything is unknown. */
export function judgeLayer(file: FileDescription, p: Pairing, fw: Framework): Mismatch | null {
  const act = p.activation;
  if (!act || p.normFollows) return null;
  const weight = p.layer.params.find((x) => x.role === "weight");
  if (!weight) return null;
  const init = weight.init;
  // An explicit nonlinearity= or calculate_gain(...) states an intent IL012 checks instead.
  if (init.args.nonlinearity !== undefined || hasGainCall(file, init)) return null;
  const scheme = initScheme(init);
  const family = activationFamily(act.name);
  const factor = activationFactor(act);
  const mult = multiplierOf(p.layer, fw);
  if (factor === null || mult === null) return null;
  const perLayer = mult.value * factor;
  const kind = classify(family, scheme, mult, perLayer);
  if (!kind) return null;
  return {
    kind,
    scheme,
    init,
    activation: act,
    multiplier: mult.value,
    perLayer,
    uncorrected: mult.nominal > mult.value * (1 + 1e-9),
    assumedSquare: mult.assumed,
    target: targets[kind],
  };
}
