/**
 * Recognises the published initialization recipes that look wrong to a naive rule but are
 * deliberate (KNOWLEDGE.md §5): GPT-2, DCGAN, RL orthogonal gains, zero-gamma residual norms,
 * Fixup, zero output heads, LoRA's zero B, RetinaNet's prior bias, LayerScale, position
 * embeddings and VGG's N(0, 0.01) heads. Rules stay silent or drop to information on them.
 */
import type { FileDescription, Initializer, Layer, Model, Param } from "../model/types";
import type { Pairing } from "../model/pairing";

/** Identifiers of the recipes initlint knows. */
export type RecipeId =
  | "gpt2"
  | "dcgan"
  | "rl-orthogonal"
  | "zero-gamma-residual"
  | "fixup"
  | "zero-output-head"
  | "lora-b"
  | "retinanet-prior"
  | "layerscale"
  | "position-embedding"
  | "vgg-head";

/** A recognised recipe: its id and the name messages use. */
export interface Recipe {
  id: RecipeId;
  name: string;
}

/** Where a recipe is looked for: the file (for cues from other models), the model, a layer. */
export interface RecipeQuery {
  file: FileDescription;
  model: Model;
  layer: Layer;
  /** The layer's pairing, for recipes that depend on what follows it. */
  pairing?: Pairing | null;
}

const names: Record<RecipeId, string> = {
  gpt2: "GPT-2's N(0, 0.02) with LayerNorm",
  dcgan: "DCGAN's N(0, 0.02) with BatchNorm N(1, 0.02)",
  "rl-orthogonal": "the RL orthogonal recipe (gain sqrt(2) hidden, 0.01 policy, 1 value)",
  "zero-gamma-residual": "zero-gamma residual BatchNorm (Goyal et al. 2017)",
  fixup: "Fixup / zero-initialised residual branch",
  "zero-output-head": "a zero-initialised output head",
  "lora-b": "LoRA's zero-initialised B matrix",
  "retinanet-prior": "RetinaNet's prior-probability bias",
  layerscale: "LayerScale / small gating constant",
  "position-embedding": "zero or small-std position embeddings",
  "vgg-head": "VGG's N(0, 0.01) classifier",
};

function recipe(id: RecipeId): Recipe {
  return { id, name: names[id] };
}

function near(x: number | undefined, target: number, tol: number): boolean {
  return x !== undefined && Math.abs(x - target) <= tol;
}

function weightOf(layer: Layer): Param | undefined {
  return layer.params.find((p) => p.role === "weight" || p.role === "embedding");
}

function isNormalStd(init: Initializer | undefined, std: number, mean = 0): boolean {
  if (!init || (init.family !== "normal" && init.family !== "trunc_normal")) return false;
  return near(init.args.std, std, std * 0.05) && near(init.args.mean ?? 0, mean, 1e-9);
}

function isSmallNormal(init: Initializer | undefined, maxStd: number): boolean {
  if (!init || (init.family !== "normal" && init.family !== "trunc_normal")) return false;
  const std = init.args.std;
  return std !== undefined && std <= maxStd && (init.args.mean ?? 0) === 0;
}

function isZero(init: Initializer | undefined): boolean {
  if (!init) return false;
  return init.family === "zeros" || (init.family === "constant" && init.args.value === 0);
}

function allLayers(file: FileDescription): Layer[] {
  return file.models.flatMap((m) => m.layers);
}

function hasLayerNorm(file: FileDescription): boolean {
  return allLayers(file).some(
    (l) => l.kind === "norm" && (l.norm === "layer" || l.norm === "rms"),
  );
}

function gpt2(q: RecipeQuery): boolean {
  const w = weightOf(q.layer)?.init;
  if (!isSmallNormal(w, 0.02 * 1.05) || !hasLayerNorm(q.file)) return false;
  // The recipe is a file-wide convention: some layer carries the full 0.02.
  return allLayers(q.file).some((l) => isNormalStd(weightOf(l)?.init, 0.02));
}

function dcgan(q: RecipeQuery): boolean {
  if (q.layer.kind !== "conv" && q.layer.kind !== "convTranspose" && q.layer.kind !== "norm") {
    return false;
  }
  const bnGamma = allLayers(q.file).some((l) =>
    l.params.some((p) => p.role === "normWeight" && isNormalStd(p.init, 0.02, 1)),
  );
  if (!bnGamma) return false;
  if (q.layer.kind === "norm") return true;
  return isNormalStd(weightOf(q.layer)?.init, 0.02);
}

function orthogonalGain(layer: Layer): number | null {
  const w = weightOf(layer)?.init;
  if (!w || w.family !== "orthogonal") return null;
  return w.args.gain ?? w.args.scale ?? 1;
}

function rlOrthogonal(q: RecipeQuery): boolean {
  const gain = orthogonalGain(q.layer);
  if (gain === null) return false;
  const sqrt2Somewhere = allLayers(q.file).some((l) =>
    near(orthogonalGain(l) ?? 0, Math.SQRT2, 1e-3),
  );
  if (!sqrt2Somewhere) return false;
  return near(gain, Math.SQRT2, 1e-3) || near(gain, 0.01, 1e-9) || near(gain, 1, 1e-9);
}

const loraB = /(^|[._])lora_?b($|[._\d])/i;
const positional =
  /(^|[._])(pos|position|positional|wpe|pos_embed|pos_embedding|position_embeddings)($|[._])/i;
const scaleNames = /(^|[._])(gamma\d*|ls\d*|layer_scale\w*|scale|alpha|gate)($|[._])/i;

function zeroWeight(q: RecipeQuery): RecipeId | null {
  if (!isZero(weightOf(q.layer)?.init)) return null;
  if (loraB.test(q.layer.id) || loraB.test(q.layer.name)) return "lora-b";
  if (q.pairing?.residual) return "fixup";
  if (q.pairing?.isOutput) return "zero-output-head";
  return null;
}

function priorBias(q: RecipeQuery): boolean {
  const bias = q.layer.params.find((p) => p.role === "bias")?.init;
  if (!bias || bias.family !== "constant" || bias.args.value === undefined) return false;
  // -log((1 - pi) / pi) for a prior pi between 0.1 % and 10 %: the focal-loss head's start.
  const prior = 1 / (1 + Math.exp(-bias.args.value));
  return prior >= 0.001 && prior <= 0.1 && (q.pairing?.isOutput ?? true);
}

function layerScale(q: RecipeQuery): boolean {
  return q.layer.params.some((p) => {
    const named = scaleNames.test(p.name) || scaleNames.test(q.layer.id);
    const value = p.init.family === "constant" ? p.init.args.value : undefined;
    return named && value !== undefined && value !== 0 && Math.abs(value) <= 0.1;
  });
}

function positionEmbedding(q: RecipeQuery): boolean {
  const named = positional.test(q.layer.id) || positional.test(q.layer.name);
  const w = weightOf(q.layer)?.init;
  return named && (isZero(w) || isSmallNormal(w, 0.02 * 1.05));
}

function vggHead(q: RecipeQuery): boolean {
  return q.layer.kind === "linear" && isNormalStd(weightOf(q.layer)?.init, 0.01);
}

function zeroGammaResidual(q: RecipeQuery): boolean {
  if (q.layer.kind !== "norm") return false;
  return q.layer.params.some((p) => p.role === "normWeight" && isZero(p.init));
}

/** The recipe that explains this layer's initialization, or `null` when none does. */
export function recipeFor(q: RecipeQuery): Recipe | null {
  const zero = zeroWeight(q);
  if (zero) return recipe(zero);
  if (zeroGammaResidual(q)) return recipe("zero-gamma-residual");
  if (positionEmbedding(q)) return recipe("position-embedding");
  if (rlOrthogonal(q)) return recipe("rl-orthogonal");
  if (dcgan(q)) return recipe("dcgan");
  if (gpt2(q)) return recipe("gpt2");
  if (vggHead(q)) return recipe("vgg-head");
  if (priorBias(q)) return recipe("retinanet-prior");
  if (layerScale(q)) return recipe("layerscale");
  return null;
}
