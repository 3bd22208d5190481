/**
 * The VS Code extension: starts the bundled language server over IPC, registers the
 * commands, the probe status item and the plot, and routes the server's probe results to
 * them. Everything else (diagnostics, fixes, hovers, CodeLens, inlay hints) is the server's.
 */
import * as vscode from "vscode";
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { probeResultNotification } from "../../server/src/protocol";
import { registerCommands } from "./commands";
import { PlotPanel } from "./plot-panel";
import { readProbeResult, type ProbeResult } from "./probe-types";
import { ProbeStatus } from "./status";

const languages = ["python", "typescript", "javascript", "typescriptreact", "javascriptreact"];

/** Files on disk and unsaved buffers in every analysed language, plus notebook code cells. */
const documentSelector = [
  ...languages.flatMap((language) => [
    { scheme: "file", language },
    { scheme: "untitled", language },
  ]),
  { notebook: "jupyter-notebook", language: "python" },
];

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel) {
  const module = context.asAbsolutePath("dist/server.js");
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--inspect=6011"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    // The client reads `initlint.trace.server` for its trace level and sends the rest of
    // the `initlint` section to the server whenever it changes.
    synchronize: { configurationSection: "initlint" },
  };
  return new LanguageClient("initlint", "initlint", serverOptions, clientOptions);
}

async function start(context: vscode.ExtensionContext, ctx: StartContext): Promise<void> {
  const next = createClient(context, ctx.output);
  next.onNotification(probeResultNotification, (params: unknown) => ctx.onResult(params));
  client = next;
  try {
    await next.start();
  } catch (err) {
    ctx.output.appendLine(`client: server failed to start: ${String(err)}; linting is off`);
  }
}

interface StartContext {
  output: vscode.OutputChannel;
  onResult: (params: unknown) => void;
}

/** Called by VS Code on the first Python, TS/JS or notebook document. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("initlint");
  const status = new ProbeStatus(documentSelector);
  const results = new Map<string, ProbeResult>();
  context.subscriptions.push(output, status);

  const onResult = (params: unknown) => {
    const result = readProbeResult(params);
    if (!result) {
      output.appendLine("client: ignored a malformed probe result from the server");
      return;
    }
    if (result.uri !== undefined) results.set(result.uri, result);
    status.update(result);
    if (PlotPanel.isOpen()) PlotPanel.show(context.extensionUri, result);
  };
  const restart = async () => {
    const old = client;
    client = undefined;
    await old
      ?.stop()
      .catch((err: unknown) => output.appendLine(`client: stop: ${String(err)}`));
    await start(context, { output, onResult });
  };

  registerCommands({
    extension: context,
    client: () => client,
    output,
    status,
    results,
    restart,
  });
  await start(context, { output, onResult });
}

/** Stops the server when the extension is unloaded. */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
