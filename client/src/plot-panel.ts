/**
 * The webview panel that shows the last probe result as a plot. One panel at a time; it
 * keeps the result it was given, loads only the bundled script from dist/ under a strict
 * content security policy, and reveals a layer's line when the user clicks it.
 */
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { ProbeResult } from "./probe-types";
import { isWebviewMessage, type PlotMessage } from "./webview/messages";

/** The singleton plot panel. */
export class PlotPanel {
  private static current: PlotPanel | undefined;
  private result: ProbeResult;
  private modelIndex: number;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly distUri: vscode.Uri,
    message: PlotMessage,
  ) {
    this.result = message.result;
    this.modelIndex = message.modelIndex;
    panel.webview.html = this.html();
    panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m));
    panel.onDidDispose(() => {
      if (PlotPanel.current === this) PlotPanel.current = undefined;
    });
  }

  /** Shows `result` in the panel, creating it beside the editor when needed. */
  static show(extensionUri: vscode.Uri, result: ProbeResult, modelIndex = 0): void {
    const message: PlotMessage = { type: "show", result, modelIndex };
    const existing = PlotPanel.current;
    if (existing) {
      existing.update(message);
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const distUri = vscode.Uri.joinPath(extensionUri, "dist");
    const panel = vscode.window.createWebviewPanel(
      "initlint.plot",
      "initlint: Probe Plot",
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [distUri], retainContextWhenHidden: true },
    );
    PlotPanel.current = new PlotPanel(panel, distUri, message);
  }

  /** Whether a plot panel is open, so fresh results can refresh it. */
  static isOpen(): boolean {
    return PlotPanel.current !== undefined;
  }

  private update(message: PlotMessage): void {
    this.result = message.result;
    this.modelIndex = message.modelIndex;
    void this.panel.webview.postMessage(message);
  }

  private receive(message: unknown): void {
    if (!isWebviewMessage(message)) return;
    if (message.type === "ready") {
      const show: PlotMessage = {
        type: "show",
        result: this.result,
        modelIndex: this.modelIndex,
      };
      void this.panel.webview.postMessage(show);
      return;
    }
    void this.reveal(message.line);
  }

  private async reveal(line: number): Promise<void> {
    if (!this.result.uri) return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(this.result.uri));
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const position = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(
      new vscode.Range(position, position),
      vscode.TextEditorRevealType.InCenter,
    );
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString("base64");
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.distUri, "plot-webview.js"));
    const csp = [
      "default-src 'none'",
      `img-src ${webview.cspSource} data:`,
      `style-src 'nonce-${nonce}'`,
      `script-src 'nonce-${nonce}'`,
    ].join("; ");
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>initlint: Probe Plot</title>
<style nonce="${nonce}">
  body { color: var(--vscode-foreground); font-family: var(--vscode-font-family);
    padding: 0 12px; }
  header { display: flex; gap: 12px; align-items: center; margin: 8px 0; }
  select { background: var(--vscode-dropdown-background);
    color: var(--vscode-dropdown-foreground); border: 1px solid var(--vscode-dropdown-border); }
  #frame { position: relative; height: calc(100vh - 60px); min-height: 280px; }
</style>
</head>
<body>
<header><select id="model" aria-label="Model"></select><span id="header"></span></header>
<p id="empty" hidden>The probe measured no layer in this model.</p>
<div id="frame"><canvas id="plot" role="img" aria-label="Per-layer variance"></canvas></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }
}
