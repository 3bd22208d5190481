/**
 * The commands of the "initlint" category. Probing and fixing are the server's work; these
 * commands only pick the document and position, forward the request and show the outcome.
 */
import * as vscode from "vscode";
import { ExecuteCommandRequest, type LanguageClient } from "vscode-languageclient/node";
import { fixAllKind, probeCommand, type ProbeArgs } from "../../server/src/protocol";
import { PlotPanel } from "./plot-panel";
import type { ProbeResult } from "./probe-types";
import type { ProbeStatus } from "./status";

/** What the commands share with the rest of the extension. */
export interface CommandContext {
  extension: vscode.ExtensionContext;
  client: () => LanguageClient | undefined;
  output: vscode.OutputChannel;
  status: ProbeStatus;
  /** The last probe result per document URI, filled by the notification handler. */
  results: Map<string, ProbeResult>;
  restart: () => Promise<void>;
}

function activeEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) void vscode.window.showInformationMessage("initlint: open a model file first.");
  return editor;
}

async function probe(ctx: CommandContext, args: ProbeArgs): Promise<void> {
  const client = ctx.client();
  if (!client) {
    void vscode.window.showWarningMessage("initlint: the language server is not running.");
    return;
  }
  ctx.status.setBusy(true);
  try {
    await client.sendRequest(ExecuteCommandRequest.type, {
      command: probeCommand,
      arguments: [args],
    });
  } catch (err) {
    ctx.output.appendLine(`probe: request failed: ${String(err)}; nothing was measured`);
    void vscode.window.showErrorMessage(`initlint: probe failed: ${String(err)}`);
  } finally {
    ctx.status.setBusy(false);
  }
}

/**
 * Probe the model at the cursor. A CodeLens passes the document URI and the model's position;
 * from the palette the active editor's cursor is used.
 */
async function probeAtCursor(ctx: CommandContext, uri?: string, position?: vscode.Position) {
  if (uri !== undefined && position !== undefined) {
    await probe(ctx, { uri, position: { line: position.line, character: position.character } });
    return;
  }
  const editor = activeEditor();
  if (!editor) return;
  const active = editor.selection.active;
  await probe(ctx, {
    uri: editor.document.uri.toString(),
    position: { line: active.line, character: active.character },
  });
}

async function probeAll(ctx: CommandContext, uri?: string): Promise<void> {
  const target = uri ?? activeEditor()?.document.uri.toString();
  if (target !== undefined) await probe(ctx, { uri: target });
}

async function fixAll(): Promise<void> {
  if (!activeEditor()) return;
  await vscode.commands.executeCommand("editor.action.sourceAction", {
    kind: fixAllKind,
    apply: "first",
  });
}

async function showPlot(ctx: CommandContext): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const uri = editor?.document.uri.toString();
  let result = uri === undefined ? undefined : ctx.results.get(uri);
  if (!result && uri !== undefined) {
    await probeAll(ctx, uri);
    result = ctx.results.get(uri);
  }
  result ??= [...ctx.results.values()].at(-1);
  if (!result) {
    void vscode.window.showInformationMessage("initlint: no probe result to plot yet.");
    return;
  }
  PlotPanel.show(ctx.extension.extensionUri, result);
}

/** Registers every command; the disposables are added to the extension's subscriptions. */
export function registerCommands(ctx: CommandContext): void {
  const register = (id: string, run: (...args: never[]) => Promise<void> | void) =>
    ctx.extension.subscriptions.push(vscode.commands.registerCommand(id, run));

  register("initlint.probeModelAtCursor", (uri?: string, position?: vscode.Position) =>
    probeAtCursor(ctx, uri, position),
  );
  register("initlint.probeAllModels", (uri?: string) => probeAll(ctx, uri));
  register("initlint.fixAll", () => fixAll());
  register("initlint.showPlot", () => showPlot(ctx));
  register("initlint.restartServer", () => ctx.restart());
  register("initlint.showOutput", () => ctx.output.show(true));
}
