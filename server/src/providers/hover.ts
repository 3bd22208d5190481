/**
 * The hover on a layer or an init call: each parameter's initializer, Var(W) and fans, the
 * activation the layer feeds, and the predicted signal variance at that depth, all from the
 * knowledge core so the numbers match what the rules say.
 */
import type { Hover, MarkupContent } from "vscode-languageserver/node";
import { activationLabel } from "../knowledge/activations";
import { initializerFans } from "../knowledge/fans";
import { initLabel, weightVariance } from "../knowledge/initializers";
import { predictModel } from "../knowledge/predict";
import { isWeighted, pairLayers, type Pairing } from "../model/pairing";
import type { FileDescription, Layer, Model, Param, Position, Range } from "../model/types";

function contains(range: Range | undefined, pos: Position): boolean {
  if (!range) return false;
  const afterStart =
    pos.line > range.start.line ||
    (pos.line === range.start.line && pos.character >= range.start.character);
  const beforeEnd =
    pos.line < range.end.line ||
    (pos.line === range.end.line && pos.character <= range.end.character);
  return afterStart && beforeEnd;
}

function size(range: Range): number {
  return (
    (range.end.line - range.start.line) * 10_000 + range.end.character - range.start.character
  );
}

/** The number in a short scientific or fixed form. */
function num(value: number): string {
  if (value === 0) return "0";
  const abs = Math.abs(value);
  return abs >= 1e-3 && abs < 1e4 ? value.toPrecision(3) : value.toExponential(2);
}

function initTouches(param: Param, pos: Position): boolean {
  const inits = [param.init, ...(param.history ?? [])];
  return inits.some((i) => contains(i.range, pos) || contains(i.statementRange, pos));
}

/** The layer under the cursor: the smallest layer range, or the layer whose init call it is. */
function layerAt(file: FileDescription, pos: Position): { model: Model; layer: Layer } | null {
  let best: { model: Model; layer: Layer; size: number } | null = null;
  for (const model of file.models) {
    for (const layer of model.layers) {
      const hit = layer.params.some((p) => initTouches(p, pos))
        ? 0
        : contains(layer.call?.range ?? layer.range, pos)
          ? size(layer.call?.range ?? layer.range)
          : null;
      if (hit !== null && (!best || hit < best.size)) best = { model, layer, size: hit };
    }
  }
  return best && { model: best.model, layer: best.layer };
}

function paramLine(param: Param, layer: Layer, model: Model): string {
  const label = initLabel(param.init);
  const spelled = param.init.spelled ? ` (\`${param.init.spelled}\`)` : "";
  const weight = layer.params.find((p) => p.role === "weight");
  const variance = weightVariance(param.init, {
    shape: param.shape,
    weightShape: weight?.shape,
    hiddenSize: layer.hiddenSize,
  });
  const fans = initializerFans(param.shape, model.framework);
  const parts = [`**${param.name}**: ${label}${spelled}`];
  if (variance) {
    const realised =
      Math.abs(variance.realised - variance.nominal) > 1e-12 * variance.nominal
        ? ` (realised ${num(variance.realised)})`
        : "";
    const symbol =
      param.role === "bias" || param.role === "recurrentBias" ? "Var(b)" : "Var(W)";
    parts.push(`${symbol} = ${num(variance.nominal)}${realised}`);
  }
  if (fans && param.shape && param.shape.length >= 2) {
    parts.push(`fan_in ${fans.fanIn}, fan_out ${fans.fanOut}`);
  }
  return `- ${parts.join(" · ")}`;
}

function depthLine(model: Model, layer: Layer, pairing: Pairing | undefined): string | null {
  const weighted = model.layers.filter(isWeighted);
  const depth = weighted.indexOf(layer) + 1;
  const predictions = predictModel(model);
  const prediction = predictions.find((p) => p.layerId === layer.id);
  if (!prediction || depth === 0) return null;
  const where = `layer ${depth} of ${weighted.length}`;
  if (prediction.preactVar === null) return `Predicted variance at ${where}: unknown`;

  // A separate activation node (or a functional call) holds the moment after the activation.
  const activationId = pairing?.activationLayer?.id;
  const after = layer.fusedActivation
    ? prediction.outputMoment
    : activationId !== undefined
      ? (predictions.find((p) => p.layerId === activationId)?.outputMoment ?? null)
      : null;
  const out = after !== null ? `, second moment after the activation ${num(after)}` : "";
  return `Predicted variance at ${where} (unit-variance input): ${num(prediction.preactVar)}${out}`;
}

/** Markdown describing the layer at `pos`, or null when the cursor is on none. */
export function hoverAt(file: FileDescription, pos: Position): Hover | null {
  const found = layerAt(file, pos);
  if (!found) return null;
  const { model, layer } = found;

  const lines = [`**${layer.name}** \`${layer.op}\` (${layer.kind}) in \`${model.name}\``, ""];
  for (const param of layer.params) lines.push(paramLine(param, layer, model));

  const pairing = pairLayers(model).find((p) => p.layer === layer);
  if (pairing) {
    const act = pairing.activation ? activationLabel(pairing.activation.name) : "none";
    const norm = pairing.normFollows ? "; a normalisation layer follows" : "";
    lines.push("", `Feeds: ${act}${norm}`);
  }
  if (!model.orderFromDataFlow) lines.push("", "Order from declarations (no forward seen).");
  const depth = isWeighted(layer) ? depthLine(model, layer, pairing) : null;
  if (depth) lines.push("", depth);

  const contents: MarkupContent = { kind: "markdown", value: lines.join("\n") };
  return { contents, range: layer.call?.range ?? layer.range };
}

function markdownOf(hover: Hover): string {
  const contents = hover.contents;
  if (typeof contents === "string") return contents;
  if (Array.isArray(contents)) {
    return contents.map((c) => (typeof c === "string" ? c : c.value)).join("\n\n");
  }
  return contents.value;
}

/**
 * The static hover with the probe's measurements of the same line appended below a rule,
 * either alone when the other is missing; null when neither has anything to say.
 */
export function withProbeHover(base: Hover | null, probe: Hover | null): Hover | null {
  if (!probe) return base;
  if (!base) return probe;
  const value = `${markdownOf(base)}\n\n---\n\n${markdownOf(probe)}`;
  const contents: MarkupContent = { kind: "markdown", value };
  return base.range ? { contents, range: base.range } : { contents };
}
