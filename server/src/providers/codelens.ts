/**
 * CodeLens above each model definition: "Probe", and after a probe of that model a one-line
 * summary of what the signal does through it ("variance 1.0 → 0.003 over 12 layers"). The
 * lens runs the server's own probe command, so every LSP client can use it.
 */
import type { CodeLens } from "vscode-languageserver/node";
import type { FileDescription } from "../model/types";
import type { ModelResult } from "../probe/types";
import { probeCommand, type ProbeArgs } from "../protocol";

/** A variance in at most two significant digits, exponential outside [0.001, 10000). */
export function formatVariance(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e4)) return value.toExponential(1);
  return value.toPrecision(2);
}

/**
 * The summary of one probed model: the variance entering the first measured layer (the
 * standard-normal input unless the engine measured otherwise), the output variance of the
 * last layer measured, and how many weighted layers lie between; null when nothing was
 * measured.
 */
export function probeSummary(model: ModelResult): string | null {
  const measured = model.layers.filter(
    (l) => l.outputVar !== null && Number.isFinite(l.outputVar),
  );
  const last = measured.at(-1);
  if (!last || last.outputVar === null) return null;

  const first = model.layers[0];
  const start = first?.inputMeanSquare ?? 1;
  const weighted = model.layers.filter((l) => l.fanIn !== null).length;
  const noun = weighted === 1 ? "layer" : "layers";
  const sampled = model.layers.some((l) => l.sampled) ? " (sampled)" : "";
  const change = `${formatVariance(start)} → ${formatVariance(last.outputVar)}`;
  return `variance ${change} over ${weighted} ${noun}${sampled}`;
}

/** The lenses of one document; `probed` holds the last probe result per model id. */
export function codeLenses(
  file: FileDescription,
  probed: Map<string, ModelResult>,
): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const model of file.models) {
    if (model.layers.length === 0) continue;
    const range = model.nameRange;
    const args: ProbeArgs = { uri: file.uri, position: range.start };
    lenses.push({
      range,
      command: { title: "Probe", command: probeCommand, arguments: [args] },
    });

    const result = probed.get(model.id);
    const summary = result ? probeSummary(result) : null;
    if (summary) {
      // Clicking the summary probes again, so a changed model can be re-measured in place.
      lenses.push({
        range,
        command: { title: summary, command: probeCommand, arguments: [args] },
      });
    }
  }
  return lenses;
}

/**
 * Keeps the last probe result of each model per document, so lenses can show summaries; the
 * server calls `remember` when a probe finishes and `forget` when a document closes.
 */
export class CodeLensProvider {
  private readonly probed = new Map<string, Map<string, ModelResult>>();

  /** @param refresh asks the client to re-request lenses (workspace/codeLens/refresh). */
  constructor(private readonly refresh: () => void) {}

  /** Stores the results of a finished probe of `uri` and refreshes the lenses. */
  remember(uri: string, models: ModelResult[]): void {
    const byId = this.probed.get(uri) ?? new Map<string, ModelResult>();
    for (const model of models) byId.set(model.id, model);
    this.probed.set(uri, byId);
    this.refresh();
  }

  /** Drops what was stored for a closed document. */
  forget(uri: string): void {
    this.probed.delete(uri);
  }

  /** The lenses for a document's current description. */
  lenses(file: FileDescription): CodeLens[] {
    return codeLenses(file, this.probed.get(file.uri) ?? new Map());
  }
}
