/**
 * The probe in the editor: runs `initlint.probe` for a document (the model at the cursor or
 * all of them) with work-done progress and cancellation, keeps the latest result per
 * document, and turns it into inlay hints at the end of each layer's line, hovers with the
 * full numbers, findings (IL101-IL106 with the LSUV fix) to merge with the static ones, and
 * the `initlint/probeResult` notification for the client's plot.
 */
import type { Connection, Hover, InlayHint, Position } from "vscode-languageserver/node";
import { InlayHintKind, MarkupKind } from "vscode-languageserver/node";
import type { Model } from "../model/types";
import { runProbe, type ProbeOutcome } from "../probe/client";
import { directiveFor, findDirectives } from "../probe/directive";
import { lsuvFix } from "../probe/lsuv";
import { probeOptions, type ProbeOverrides } from "../probe/options";
import type { LayerResult, ModelResult, ProbeResult } from "../probe/types";
import { probeResultNotification, type ProbeResultParams } from "../protocol";
import type { Finding } from "../rules/types";

function short(x: number): string {
  if (x === 0) return "0";
  return Math.abs(x) >= 0.01 && Math.abs(x) < 1000
    ? Number(x.toPrecision(2)).toString()
    : x.toExponential(1);
}

/** The inlay hint text of one row, e.g. `σ² 0.41 · dead 3 %`. */
export function hintLabel(row: LayerResult): string | null {
  if (row.error || row.outputVar === null) return null;
  const parts = [`σ² ${short(row.outputVar)}`];
  if (row.deadFraction !== null && row.activation && /relu|elu/.test(row.activation)) {
    parts.push(`dead ${Math.round(row.deadFraction * 100)} %`);
  }
  if (row.saturatedFraction !== null)
    parts.push(`sat ${Math.round(row.saturatedFraction * 100)} %`);
  return parts.join(" · ") + (row.sampled ? " (sampled)" : "");
}

/** Inlay hints at the end of each probed layer's line. */
export function probeInlayHints(models: ModelResult[], lines: string[]): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const model of models) {
    for (const row of model.layers) {
      const label = hintLabel(row);
      const line = lines[row.line];
      if (!label || line === undefined) continue;
      hints.push({
        position: { line: row.line, character: line.length },
        label,
        kind: InlayHintKind.Type,
        paddingLeft: true,
      });
    }
  }
  return hints;
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
    const row = model.layers.find((l) => l.line === pos.line);
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

/** The models to probe: the one whose range holds `position`, or all; directives applied. */
export function modelsToProbe(models: Model[], text: string, position?: Position): Model[] {
  const directives = findDirectives(text);
  const inRange = (m: Model) =>
    position !== undefined &&
    m.range.start.line <= position.line &&
    position.line <= m.range.end.line;
  const chosen = position && models.some(inRange) ? models.filter(inRange) : models;
  return chosen.map((m) => {
    const shape = m.inputShape ?? directiveFor(m, models, directives);
    return shape ? { ...m, inputShape: shape } : m;
  });
}

/** Runs probes for documents and remembers the latest result of each. */
export class ProbeService {
  private readonly results = new Map<string, { result: ProbeResult; findings: Finding[] }>();

  /** `connection` sends progress, logs and the result notification. */
  constructor(private readonly connection: Connection) {}

  /** The latest result for a document, if any. */
  resultFor(uri: string): ProbeResult | undefined {
    return this.results.get(uri)?.result;
  }

  /** The latest probe findings for a document, to merge with the static ones. */
  findingsFor(uri: string): Finding[] {
    return this.results.get(uri)?.findings ?? [];
  }

  /** Forgets a closed or edited document's result. */
  forget(uri: string): void {
    this.results.delete(uri);
  }

  /** Probes a document's models with progress; resolves when done, failed or cancelled. */
  async run(input: {
    uri: string;
    text: string;
    models: Model[];
    position?: Position;
    overrides: ProbeOverrides;
    timeoutMs: number;
  }): Promise<ProbeOutcome> {
    const models = modelsToProbe(input.models, input.text, input.position);
    const progress = await this.connection.window.createWorkDoneProgress();
    progress.begin("initlint probe", 0, `${models.length} model(s)`, true);
    const controller = new AbortController();
    const cancel = progress.token.onCancellationRequested(() => controller.abort());
    try {
      const outcome = await runProbe(models, probeOptions(input.overrides), {
        timeoutMs: input.timeoutMs,
        maxHeapMb: 2048,
        signal: controller.signal,
        onProgress: (done, total, label) =>
          progress.report(Math.round((done / Math.max(1, total)) * 100), label),
        onLog: (line) => this.connection.console.log(`probe: ${line}`),
      });
      if (!outcome.ok) {
        this.connection.console.warn(`probe: ${outcome.message}; the server keeps running`);
        return outcome;
      }
      const findings = probeFindings(models, outcome.result, input.text);
      this.results.set(input.uri, { result: outcome.result, findings });
      const params: ProbeResultParams = { ...outcome.result, uri: input.uri };
      void this.connection.sendNotification(probeResultNotification, params);
      return outcome;
    } finally {
      cancel.dispose();
      progress.done();
    }
  }
}
