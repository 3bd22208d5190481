/**
 * Lints open documents and publishes their diagnostics. Requests are coalesced per document
 * with setImmediate (a burst of keystrokes lints once, with no timer delay), and a result is
 * published only if the document is still at the version it was computed for.
 */
import type { Connection } from "vscode-languageserver/node";
import { analyze, isAnalyzable, type AnalysisResult } from "../analysis/analyze";
import { skipReason } from "../analysis/limits";
import { defaultConfig, type EffectiveConfig } from "../config/effective";
import type { ConfigService } from "../config/workspace";
import type { DocumentStore, OpenDocument } from "../documents/store";
import { LintQueue } from "./lint-queue";
import type { Finding } from "../rules/types";
import { toDiagnostic } from "./to-diagnostic";

/** An analysis and the document version it belongs to. */
export interface VersionedResult {
  version: number;
  result: AnalysisResult;
}

/** What the diagnostics provider works with. */
export interface DiagnosticsDeps {
  connection: Connection;
  documents: DocumentStore;
  configs: ConfigService;
  /** Findings from elsewhere (the probe's) published after the static ones of a document. */
  extraFindings?(uri: string): Finding[];
  /** Settles when the Python parser has loaded; lints wait for it. */
  ready?: Promise<unknown>;
  /** Told of every analysis a lint publishes (the warm-up takes its first document). */
  analysed?(document: OpenDocument, config: EffectiveConfig, result: AnalysisResult): void;
}

/** Schedules, runs and publishes lints; keeps the latest result per document. */
export class DiagnosticsProvider {
  private readonly queue: LintQueue;
  private readonly results = new Map<string, VersionedResult>();
  private readonly failed = new Set<string>();
  private readonly notesSeen = new Map<string, string>();

  /** False until `deps.ready` settles: before that no analysis can parse Python. */
  private parserLoaded = false;

  constructor(private readonly deps: DiagnosticsDeps) {
    const ready = deps.ready ?? Promise.resolve();
    const loaded = () => {
      this.parserLoaded = true;
    };
    void ready.then(loaded, loaded);
    this.queue = new LintQueue((uri) => void this.lint(uri), ready);
  }

  /** Asks for a lint of `uri` after the current batch of messages. */
  schedule(uri: string): void {
    this.queue.add(uri);
  }

  /** Re-lints every open document (after a configuration change). */
  scheduleAll(): void {
    for (const document of this.deps.documents.all()) this.schedule(document.uri);
  }

  /** True when the document lints on save only. */
  onSaveOnly(uri: string): boolean {
    return this.deps.configs.cached(uri)?.settings.run === "onSave";
  }

  /**
   * The analysis of the document's current text, for code actions and hovers: the published
   * one when current, else computed now under the last configuration seen for the document.
   */
  current(uri: string): VersionedResult | null {
    const document = this.deps.documents.get(uri);
    if (!document || !isAnalyzable(document.languageId)) return null;
    // Too early to analyse: the scheduled lint publishes once the parser is there.
    if (!this.parserLoaded && this.deps.ready !== undefined) return null;
    const cached = this.results.get(uri);
    if (cached && cached.version === document.version) return cached;
    const config = this.deps.configs.cached(uri)?.config ?? defaultConfig();
    const result = this.run(document, config);
    if (!result) return null;
    const fresh = { version: document.version, result };
    this.results.set(uri, fresh);
    return fresh;
  }

  /**
   * Every finding published for a document: the analysis's, then the extra ones, in the
   * order diagnostic indices (and so code actions) refer to.
   */
  findings(uri: string, current: VersionedResult): Finding[] {
    return [...current.result.findings, ...(this.deps.extraFindings?.(uri) ?? [])];
  }

  /** Forgets a closed document and clears its diagnostics. */
  close(uri: string): void {
    this.results.delete(uri);
    this.failed.delete(uri);
    this.notesSeen.delete(uri);
    void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async lint(uri: string): Promise<void> {
    const document = this.deps.documents.get(uri);
    if (!document || !isAnalyzable(document.languageId)) return;
    const version = document.version;

    let config: EffectiveConfig;
    try {
      config = (await this.deps.configs.forDocument(uri)).config;
    } catch (err) {
      this.deps.connection.console.error(`config: ${String(err)}; using the defaults`);
      config = defaultConfig();
    }
    // The document moved on while the configuration was fetched: that change scheduled its own lint.
    if (this.deps.documents.get(uri) !== document || document.version !== version) return;

    const started = performance.now();
    const result = this.run(document, config);
    const fresh = result ? { version, result } : null;
    if (fresh) this.results.set(uri, fresh);
    const findings = fresh ? this.findings(uri, fresh) : [];
    const diagnostics = findings.map((finding, index) =>
      toDiagnostic(finding, { uri, version, index }),
    );
    await this.deps.connection.sendDiagnostics({ uri, version, diagnostics });
    const ms = (performance.now() - started).toFixed(1);
    this.deps.connection.tracer.log(`lint: ${uri} v${version}: ${findings.length} in ${ms} ms`);
    if (fresh) this.deps.analysed?.(document, config, fresh.result);
  }

  private run(document: OpenDocument, config: EffectiveConfig): AnalysisResult | null {
    const { uri } = document;
    // Checked before the tree is asked for, so an oversized file is never parsed either.
    const skipped = skipReason(document.text);
    if (skipped) {
      this.logNotes(uri, [`skipped: ${skipped}; no diagnostics for it`]);
      return null;
    }
    try {
      const result = analyze({
        uri,
        text: document.text,
        languageId: document.languageId,
        config,
        tree: document.tree(),
        cache: document.analysisCache,
        lineStarts: document.lineStarts,
      });
      this.failed.delete(uri);
      this.logNotes(uri, result.notes);
      return result;
    } catch (err) {
      if (!this.failed.has(uri)) {
        this.failed.add(uri);
        const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
        this.deps.connection.console.error(
          `analysis: ${uri} failed: ${detail}; no diagnostics for it until it analyses again`,
        );
      }
      return null;
    }
  }

  private logNotes(uri: string, notes: string[]): void {
    const joined = notes.join("\n");
    if ((this.notesSeen.get(uri) ?? "") === joined) return;
    this.notesSeen.set(uri, joined);
    for (const note of notes) this.deps.connection.console.info(`analysis: ${uri}: ${note}`);
  }
}
