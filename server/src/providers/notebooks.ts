/**
 * Jupyter notebooks in the server, through LSP notebook sync: the code cells are analysed
 * in order as one program (frontends/notebook.ts), and each finding is published on the cell
 * it starts in. Code actions and hovers on a cell are answered from the notebook's analysis.
 */
import {
  NotebookCellKind,
  NotebookDocuments,
  type CodeAction,
  type Connection,
  type Hover,
  type NotebookDocument,
  type Position,
  type Range,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { defaultConfig, type EffectiveConfig } from "../config/effective";
import type { ConfigService } from "../config/workspace";
import {
  analyzeNotebook,
  toCellRange,
  type NotebookAnalysis,
  type NotebookCell,
} from "../frontends/notebook";
import type { TextEdit } from "../rules/types";
import { codeActions } from "./code-actions";
import { hoverAt } from "./hover";
import { LintQueue } from "./lint-queue";
import { toDiagnostic, type LocationMapper } from "./to-diagnostic";

/** The notebook selector the server registers for. */
export const notebookSelector = [
  { notebook: "jupyter-notebook", cells: [{ language: "python" }] },
];

interface Analysed {
  version: number;
  /** Cell document URIs, by the index the analysis uses. */
  cellUris: string[];
  analysis: NotebookAnalysis;
}

/** Notebook documents and their diagnostics. */
export class NotebookProvider {
  readonly notebooks = new NotebookDocuments(TextDocument);
  private readonly results = new Map<string, Analysed>();
  private readonly queue: LintQueue;
  private readonly failed = new Set<string>();

  /** `ready` settles when the Python parser has loaded; lints wait for it. */
  constructor(
    private readonly deps: {
      connection: Connection;
      configs: ConfigService;
      ready?: Promise<unknown>;
    },
  ) {
    this.queue = new LintQueue((uri) => void this.lint(uri), deps.ready);
    this.notebooks.onDidOpen((n) => this.schedule(n.uri));
    this.notebooks.onDidChange((e) => this.schedule(e.notebookDocument.uri));
    this.notebooks.onDidClose((n) => this.close(n));
    this.notebooks.listen(deps.connection);
  }

  /** True when `uri` is a cell of an open notebook. */
  isCell(uri: string): boolean {
    return this.notebooks.getNotebookCell(uri) !== undefined;
  }

  /** Re-lints every open notebook. */
  scheduleAll(): void {
    for (const uri of this.results.keys()) this.schedule(uri);
  }

  /** Code actions for a range of one cell. */
  codeActions(cellUri: string, range: Range, only: string[] | undefined): CodeAction[] {
    const found = this.forCell(cellUri);
    if (!found) return [];
    const { result, index } = found;
    const cell = this.cellDocument(cellUri);
    return codeActions({
      uri: cellUri,
      version: result.version,
      text: cell?.getText() ?? "",
      languageId: "python",
      findings: result.analysis.findings,
      range,
      only,
      here: (f) => (f as { cell?: number }).cell === index,
      uriOf: (edit: TextEdit) => result.cellUris[(edit as { cell?: number }).cell ?? index]!,
      map: this.mapper(result),
    });
  }

  /** The hover at a position in one cell. */
  hover(cellUri: string, position: Position): Hover | null {
    const found = this.forCell(cellUri);
    if (!found) return null;
    const { result, index } = found;
    const span = result.analysis.program.spans[index];
    if (!span) return null;
    const at = { line: span.start + position.line, character: position.character };
    const hover = hoverAt(result.analysis.file, at);
    if (!hover?.range) return hover;
    const local = toCellRange(result.analysis.program, hover.range);
    return local && local.cell === index
      ? { ...hover, range: local.range }
      : { ...hover, range: undefined };
  }

  private cellDocument(cellUri: string): TextDocument | undefined {
    const cell = this.notebooks.getNotebookCell(cellUri);
    return cell ? this.notebooks.getCellTextDocument(cell) : undefined;
  }

  private forCell(cellUri: string) {
    const notebook = this.notebooks.findNotebookDocumentForCell(cellUri);
    const result = notebook && this.results.get(notebook.uri);
    if (!notebook || !result) return null;
    const index = result.cellUris.indexOf(cellUri);
    return index < 0 ? null : { result, index };
  }

  private mapper(result: Analysed): LocationMapper {
    return (range, cell) => {
      const uri = cell !== undefined ? result.cellUris[cell] : undefined;
      return uri ? { uri, range } : null;
    };
  }

  private schedule(uri: string): void {
    this.queue.add(uri);
  }

  private cellsOf(notebook: NotebookDocument): { cells: NotebookCell[]; uris: string[] } {
    const cells = notebook.cells.map((cell) => {
      const document = this.notebooks.getCellTextDocument(cell);
      const code = cell.kind === NotebookCellKind.Code && document?.languageId === "python";
      return { kind: code ? "code" : "markdown", source: document?.getText() ?? "" } as const;
    });
    return { cells, uris: notebook.cells.map((c) => c.document) };
  }

  private async lint(uri: string): Promise<void> {
    const notebook = this.notebooks.getNotebookDocument(uri);
    if (!notebook) return;
    const version = notebook.version;
    let config: EffectiveConfig;
    try {
      config = (await this.deps.configs.forDocument(uri)).config;
    } catch {
      config = defaultConfig();
    }
    if (this.notebooks.getNotebookDocument(uri)?.version !== version) return;

    const { cells, uris } = this.cellsOf(notebook);
    let analysis: NotebookAnalysis;
    try {
      analysis = analyzeNotebook({ uri, cells, config });
      this.failed.delete(uri);
    } catch (err) {
      if (!this.failed.has(uri)) {
        this.failed.add(uri);
        this.deps.connection.console.error(
          `analysis: ${uri} failed: ${String(err)}; no diagnostics for it`,
        );
      }
      return;
    }
    const result: Analysed = { version, cellUris: uris, analysis };
    const previous = this.results.get(uri);
    this.results.set(uri, result);
    await this.publish(result, previous);
  }

  private async publish(result: Analysed, previous: Analysed | undefined): Promise<void> {
    const map = this.mapper(result);
    const byCell = new Map<string, ReturnType<typeof toDiagnostic>[]>(
      result.cellUris.map((u) => [u, []]),
    );
    result.analysis.findings.forEach((finding, index) => {
      const cellUri = result.cellUris[finding.cell];
      if (!cellUri) return;
      byCell
        .get(cellUri)!
        .push(toDiagnostic(finding, { uri: cellUri, version: result.version, index, map }));
    });
    // Cells removed since the last run lose their diagnostics.
    for (const old of previous?.cellUris ?? []) if (!byCell.has(old)) byCell.set(old, []);
    for (const [uri, diagnostics] of byCell) {
      const cell = this.cellDocument(uri);
      await this.deps.connection.sendDiagnostics({ uri, version: cell?.version, diagnostics });
    }
  }

  private close(notebook: NotebookDocument): void {
    const result = this.results.get(notebook.uri);
    this.results.delete(notebook.uri);
    for (const uri of result?.cellUris ?? []) {
      void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }
}
