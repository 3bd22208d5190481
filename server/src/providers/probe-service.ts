/**
 * Runs probes for open documents: the worker run with work-done progress and cancellation
 * (one run per document at a time; a new request supersedes the old one), the latest
 * measurements per document for hints, hovers and diagnostics, and the `initlint/probeResult`
 * notification with the analytic prediction beside each row for the client's plot.
 */
import type {
  CancellationToken,
  Connection,
  Disposable,
  WorkDoneProgressReporter,
} from "vscode-languageserver/node";
import type { Model, Position } from "../model/types";
import { runProbe, type ProbeOutcome } from "../probe/client";
import { probeOptions, type ProbeOverrides } from "../probe/options";
import type { ModelResult, ProbeResult } from "../probe/types";
import { probeResultNotification, type ProbeResultParams } from "../protocol";
import type { Finding } from "../rules/types";
import { modelsToProbe, probeFindings } from "./probe";
import { withPredictions } from "./probe-prediction";

/** One probe request for a document. */
export interface ProbeRunInput {
  uri: string;
  /** The document's text when the request came; directives and fixes are read from it. */
  text: string;
  /** Every model of the document; the position picks among them. */
  models: Model[];
  position?: Position;
  /** Probe settings; the input shape applies only to models that name none themselves. */
  overrides: ProbeOverrides;
  timeoutMs: number;
  maxHeapMb: number;
  /** Progress attached to the request's own token; created by the server when absent. */
  progress?: WorkDoneProgressReporter;
  /** The request's cancellation. */
  token?: CancellationToken;
  /** The user's configuration applied to the findings (selection, severities, suppressions). */
  adjust?: (findings: Finding[]) => Finding[];
  /** False when the document changed during the run, so line-bound results would be wrong. */
  stillCurrent?: () => boolean;
}

/** What the service keeps of a document's probes. */
interface Stored {
  result: ProbeResult;
  models: Model[];
  findings: Finding[];
}

/** What the service needs from the server. */
export interface ProbeServiceDeps {
  /** Sends progress, logs and the result notification. */
  connection: Connection;
  /** Told of each finished probe before the client is (CodeLens, hint refresh, diagnostics). */
  onResult?: (uri: string, result: ProbeResult) => void;
}

function byStart(a: { range: Model["range"] }, b: { range: Model["range"] }): number {
  return a.range.start.line - b.range.start.line;
}

/** Runs probes and remembers, per document, the latest measurements of each model. */
export class ProbeService {
  private readonly stored = new Map<string, Stored>();
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: ProbeServiceDeps) {}

  /** The measurements of a document's probed models, latest run of each, in file order. */
  resultFor(uri: string): ProbeResult | undefined {
    return this.stored.get(uri)?.result;
  }

  /** The probe findings of a document, to publish and fix with the static ones. */
  findingsFor(uri: string): Finding[] {
    return this.stored.get(uri)?.findings ?? [];
  }

  /** Forgets a document's measurements (edited or closed); true when there were any. */
  forget(uri: string): boolean {
    return this.stored.delete(uri);
  }

  /** Stops a document's running probe, if any (the document closed). */
  cancel(uri: string): void {
    this.running.get(uri)?.abort();
  }

  /** Probes the requested models; resolves when done, failed or cancelled. Never rejects. */
  async run(input: ProbeRunInput): Promise<ProbeOutcome> {
    let options;
    try {
      options = probeOptions(input.overrides);
    } catch (err) {
      return { ok: false, reason: "error", message: `settings: ${(err as Error).message}` };
    }
    const { inputShape, ...rest } = options;
    const models = modelsToProbe(input.models, input.text, input.position, inputShape);

    this.running.get(input.uri)?.abort();
    const controller = new AbortController();
    this.running.set(input.uri, controller);
    const abort = () => controller.abort();
    const listeners: Disposable[] = [];
    if (input.token) listeners.push(input.token.onCancellationRequested(abort));
    const reporter = input.progress ?? (await this.createProgress(listeners, abort));
    reporter.begin("initlint probe", 0, models.map((m) => m.name).join(", "), true);

    try {
      const outcome = await runProbe(models, rest, {
        timeoutMs: input.timeoutMs,
        maxHeapMb: input.maxHeapMb,
        signal: controller.signal,
        onProgress: (done, total, label) =>
          reporter.report(Math.round((done / Math.max(1, total)) * 100), label),
        onLog: (line) => this.deps.connection.console.log(`probe: ${line}`),
      });
      if (outcome.ok) this.finish(input, models, outcome.result);
      return outcome;
    } finally {
      for (const listener of listeners) listener.dispose();
      if (this.running.get(input.uri) === controller) this.running.delete(input.uri);
      reporter.done();
    }
  }

  /** A server-created progress, whose cancel button aborts the run; silent if refused. */
  private async createProgress(
    listeners: Disposable[],
    abort: () => void,
  ): Promise<WorkDoneProgressReporter> {
    try {
      const created = await this.deps.connection.window.createWorkDoneProgress();
      listeners.push(created.token.onCancellationRequested(abort));
      return created;
    } catch (err) {
      this.deps.connection.console.warn(`probe: no progress shown: ${String(err)}`);
      return this.deps.connection.window.attachWorkDoneProgress(undefined);
    }
  }

  private finish(input: ProbeRunInput, models: Model[], result: ProbeResult): void {
    const current = input.stillCurrent?.() ?? true;
    if (current) this.store(input, models, result);
    else
      this.deps.connection.console.info(
        `probe: ${input.uri} changed during the probe; no hints or diagnostics for the old text`,
      );
    this.deps.onResult?.(input.uri, result);

    const params: ProbeResultParams = {
      ...result,
      uri: input.uri,
      models: result.models.map((mr) =>
        withPredictions(
          models.find((m) => m.id === mr.id),
          mr,
        ),
      ),
    };
    void this.deps.connection.sendNotification(probeResultNotification, params);
  }

  /** Merges a run into what is kept: models probed before and not now keep their numbers. */
  private store(input: ProbeRunInput, models: Model[], result: ProbeResult): void {
    const probed = new Set(result.models.map((m) => m.id));
    const before = this.stored.get(input.uri);
    const keptModels = (before?.models ?? []).filter((m) => !probed.has(m.id));
    const keptResults = (before?.result.models ?? []).filter((m) => !probed.has(m.id));
    const allModels = [...keptModels, ...models].sort(byStart);
    const order = new Map(allModels.map((m, i) => [m.id, i]));
    const allResults: ModelResult[] = [...keptResults, ...result.models].sort(
      (a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
    );

    const merged: ProbeResult = { ...result, models: allResults };
    const findings = probeFindings(allModels, merged, input.text);
    this.stored.set(input.uri, {
      result: merged,
      models: allModels,
      findings: input.adjust ? input.adjust(findings) : findings,
    });
  }
}
