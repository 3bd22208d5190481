/**
 * How a probe result reads in the editor: inlay hints at the end of each layer's line, a
 * hover with the full numbers, the start-of-training checks (IL101-IL106, with the LSUV fix)
 * as findings, and which models a probe request covers, with their input shapes.
 */
import type { Hover, InlayHint, Position } from "vscode-languageserver/node";
import { InlayHintKind, MarkupKind } from "vscode-languageserver/node";
import type { Model } from "../model/types";
import { directiveFor, findDirectives } from "../probe/directive";
import { lsuvFix } from "../probe/lsuv";
import type { LayerResult, ModelResult, ProbeResult } from "../probe/types";
import type { Finding } from "../rules/types";

function short(x: number): string {
  if (x === 0) return "0";
  return Math.abs(x) >= 0.01 && Math.abs(x) < 1000
    ? Number(x.toPrecision(2)).toString()
    : x.toExponential(1);
}

/** Activations whose dead units the hint reports. */
const reluLike = /relu|elu/;

/** The inlay hint text of one row, e.g. `σ² 0.41 · dead 3 %`. */
export function hintLabel(row: LayerResult): string | null {
  if (row.error || row.outputVar === null) return null;
  const parts = [`σ² ${short(row.outputVar)}`];
  if (row.deadFraction !== null && row.activation && reluLike.test(row.activation)) {
    parts.push(`dead ${Math.round(row.deadFraction * 100)} %`);
  }
  if (row.saturatedFraction !== null)
    parts.push(`sat ${Math.round(row.saturatedFraction * 100)} %`);
  return parts.join(" · ") + (row.sampled ? " (sampled)" : "");
}

function percent(x: number | null): number | null {
  return x === null ? null : Math.round(x * 100);
}

/**
 * The hint of several rows on one line (layers built in a loop): first to last, e.g.
 * `σ² 0.25 → 0.00043 · dead 0 → 18 % (10 layers)`.
 */
function lineLabel(rows: LayerResult[]): string | null {
  const measured = rows.filter((row) => hintLabel(row) !== null);
  const first = measured[0];
  const last = measured.at(-1);
  if (!first || !last) return null;
  if (measured.length === 1) return hintLabel(first);

  const span = (a: string, b: string) => (a === b ? a : `${a} → ${b}`);
  const parts = [`σ² ${span(short(first.outputVar!), short(last.outputVar!))}`];
  const dead = [percent(first.deadFraction), percent(last.deadFraction)];
  if (
    first.activation &&
    reluLike.test(first.activation) &&
    dead[0] !== null &&
    dead[1] !== null
  )
    parts.push(`dead ${span(String(dead[0]), String(dead[1]))} %`);
  const sat = [percent(first.saturatedFraction), percent(last.saturatedFraction)];
  if (sat[0] !== null && sat[1] !== null)
    parts.push(`sat ${span(String(sat[0]), String(sat[1]))} %`);
  const sampled = measured.some((row) => row.sampled) ? ", sampled" : "";
  return `${parts.join(" · ")} (${measured.length} layers${sampled})`;
}

/** Inlay hints at the end of each probed layer's line; one per line, rows of a loop merged. */
export function probeInlayHints(models: ModelResult[], lines: string[]): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const model of models) {
    const byLine = new Map<number, LayerResult[]>();
    for (const row of model.layers)
      byLine.set(row.line, [...(byLine.get(row.line) ?? []), row]);
    for (const [lineNo, rows] of byLine) {
      const label = lineLabel(rows);
      const line = lines[lineNo];
      if (!label || line === undefined) continue;
      hints.push({
        position: { line: lineNo, character: line.length },
        label,
        kind: InlayHintKind.Type,
        paddingLeft: true,
      });
    }
  }
  return hints.sort((a, b) => a.position.line - b.position.line);
}

function cell(x: number | null): string {
  return x === null || Number.isNaN(x) ? "–" : x.toPrecision(4);
}

/** A hover with the full measurements of the layer whose line holds `pos`. */
export function probeHover(
  models: ModelResult[],
  backend: string,
  pos: Position,
): Hover | null {
  for (const model of models) {
    const onLine = model.layers.filter((l) => l.line === pos.line);
    const row = onLine[0];
    if (!row) continue;
    const table = [
      `**Probe** of \`${row.name}\` (${model.name}, ${backend})`,
      "",
      "| | |",
      "| --- | --- |",
      `| initializer | ${row.initializer ?? "–"} |`,
      `| fan in / out | ${row.fanIn ?? "–"} / ${row.fanOut ?? "–"} |`,
      `| Var(W) realised / nominal | ${cell(row.weightVar)} / ${cell(row.weightVarNominal)} |`,
      `| pre-activation mean, var | ${cell(row.preactMean)}, ${cell(row.preactVar)} |`,
      `| output mean, var | ${cell(row.outputMean)}, ${cell(row.outputVar)} |`,
      `| dead units | ${row.deadFraction === null ? "–" : `${(row.deadFraction * 100).toFixed(1)} %`} |`,
      `| saturated inputs | ${row.saturatedFraction === null ? "–" : `${(row.saturatedFraction * 100).toFixed(1)} %`} |`,
      `| gradient var at input | ${cell(row.gradVar)} |`,
    ];
    if (onLine.length > 1) {
      const others = onLine.slice(1).map((l) => `\`${l.name}\` ${cell(l.outputVar)}`);
      table.push("", `Output variance of the other layers of this line: ${others.join(", ")}`);
    }
    if (row.sampled) table.push("", "Output units were sampled to fit the memory budget.");
    if (row.error) table.push("", `Not measured: ${row.error}`);
    return { contents: { kind: MarkupKind.Markdown, value: table.join("\n") } };
  }
  return null;
}

/** The probe's findings as rule findings, with the LSUV fix on IL101. */
export function probeFindings(models: Model[], result: ProbeResult, text: string): Finding[] {
  const findings: Finding[] = [];
  for (const mr of result.models) {
    const model = models.find((m) => m.id === mr.id);
    for (const f of mr.findings) {
      const fix = f.code === "IL101" && model ? lsuvFix(model, mr, text) : null;
      findings.push({
        code: f.code,
        severity: f.severity,
        message: f.message,
        range: f.range,
        fixes: fix ? [fix] : [],
        subject: { modelId: mr.id, ...(f.layerId ? { layerId: f.layerId } : {}) },
      });
    }
  }
  return findings;
}

/**
 * The models to probe: those whose range holds `position`, or all of them when it is absent
 * or on no model. A model's input shape comes from its description, else from an
 * `initlint: input-shape=` directive, else from `fallbackShape` (the setting).
 */
export function modelsToProbe(
  models: Model[],
  text: string,
  position?: Position,
  fallbackShape?: number[],
): Model[] {
  const directives = findDirectives(text);
  const inRange = (m: Model) =>
    position !== undefined &&
    m.range.start.line <= position.line &&
    position.line <= m.range.end.line;
  const chosen = position && models.some(inRange) ? models.filter(inRange) : models;
  return chosen.map((m) => {
    const shape = m.inputShape ?? directiveFor(m, models, directives) ?? fallbackShape;
    return shape ? { ...m, inputShape: shape } : m;
  });
}
