/**
 * The initlint language server: LSP wiring only. Requests are mapped to the document store,
 * the configuration service and the providers; every handler is guarded so odd user text
 * can never take the server down. Speaks LSP over --stdio, --node-ipc or --socket=N and
 * writes nothing else to stdout.
 */
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type InitializeResult,
} from "vscode-languageserver/node";
import * as fs from "node:fs";
import { configFileNames } from "./config/project";
import { ConfigService } from "./config/workspace";
import { DocumentStore } from "./documents/store";
import { initPython } from "./frontends/python/parser";
import {
  describeRequest,
  fixAllKind,
  probeCommand,
  showDocumentationCommand,
  type DescribeParams,
  type DescribeResult,
} from "./protocol";
import { codeActions } from "./providers/code-actions";
import { CodeLensProvider } from "./providers/codelens";
import { DiagnosticsProvider } from "./providers/diagnostics";
import { hoverAt, withProbeHover } from "./providers/hover";
import { inlayHints } from "./providers/inlay-hints";
import { NotebookProvider, notebookSelector } from "./providers/notebooks";
import { probeHover } from "./providers/probe";
import { probeDocument, readProbeArgs } from "./providers/probe-command";
import { ProbeService } from "./providers/probe-service";
import { Warmup } from "./providers/warmup";
import { applyServerV8Flags } from "./v8-flags";

// Stray console output from any dependency must not corrupt the LSP stream on stdout.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

const connection = createConnection(ProposedFeatures.all);
// Loading starts now; lints wait for it, so a document opened early is still linted.
const parserReady = initPython();
const documents = new DocumentStore();
let pullSettings = false;
let pushedSettings: unknown;
const watched = new Map<string, fs.FSWatcher>();
let watchWithClient = false;
let refreshLenses = false;
let refreshHints = false;

const configs = new ConfigService({
  fetchSettings: async (uri) => {
    if (!pullSettings) return pushedSettings;
    return connection.workspace.getConfiguration({ scopeUri: uri, section: "initlint" });
  },
  report: (source, problems) => {
    const text = `initlint: problems in ${source}; defaults apply to these keys:\n${problems.join("\n")}`;
    connection.console.warn(`config: ${text}`);
    // A notification, not a request: the report needs no answer and must not wait for one.
    void connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Warning,
      message: text,
    });
  },
  watch: (file) => watchConfigFile(file),
});
const probes = new ProbeService({
  connection,
  onResult: (uri, result) => {
    codeLens.remember(uri, result.models);
    refreshInlayHints();
    // Publishes the probe's findings beside the static ones.
    diagnostics.schedule(uri);
  },
});
const warmup = new Warmup({ log: (message) => connection.console.log(message) });
const diagnostics = new DiagnosticsProvider({
  connection,
  documents,
  configs,
  extraFindings: (uri) => probes.findingsFor(uri),
  ready: parserReady,
  analysed: (document, config, result) => {
    // The server's own lints count as activity: the quiet a warm-up waits for starts after them.
    warmup.activity();
    if (!warmup.wants(document.languageId)) return;
    const enabled = configs.cached(document.uri)?.settings["warmUp.enable"] !== false;
    const { uri, languageId, text } = document;
    warmup.offer({ uri, languageId, text, config, file: result.file }, enabled);
  },
});
const notebooks = new NotebookProvider({ connection, configs, ready: parserReady });
// A notebook edit pauses the warm-up as a text edit does.
notebooks.notebooks.onDidChange(() => warmup.activity());

const probeDeps = {
  connection,
  documents,
  service: probes,
  models: (uri: string) => diagnostics.current(uri)?.result.file.models ?? null,
  config: (uri: string) => configs.forDocument(uri),
};

/** Asks the client to re-request inlay hints, when it can. */
function refreshInlayHints(): void {
  if (refreshHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
}

/** Drops a document's probe results: they describe text that is no longer there. */
function dropProbe(uri: string): void {
  if (!probes.forget(uri)) return;
  refreshInlayHints();
  // Even under run-on-save the probe's diagnostics must go now, with the old text.
  diagnostics.schedule(uri);
}

function relintAll(): void {
  diagnostics.scheduleAll();
  notebooks.scheduleAll();
}
const codeLens = new CodeLensProvider(() => {
  // Clients without lens refresh support pick the summary up on their next lens request.
  if (refreshLenses)
    void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
});

/** Runs a handler, logging instead of throwing, and answers `fallback` on failure. */
function guarded<P extends unknown[], R>(name: string, fallback: R, fn: (...a: P) => R) {
  return (...args: P): R => {
    try {
      return fn(...args);
    } catch (err) {
      connection.console.error(`${name}: ${err instanceof Error ? err.stack : String(err)}`);
      return fallback;
    }
  };
}

function configFilesChanged(): void {
  configs.filesChanged();
  relintAll();
}

/** Without client-side watching, watch the config files actually in use. */
function watchConfigFile(file: string): void {
  if (watchWithClient || watched.has(file)) return;
  try {
    watched.set(file, fs.watch(file, { persistent: false }, configFilesChanged));
  } catch {
    // A file that cannot be watched is still read on each settings change.
  }
}

connection.onInitialize(async (params): Promise<InitializeResult> => {
  await parserReady;
  const workspace = params.capabilities.workspace;
  pullSettings = workspace?.configuration === true;
  watchWithClient = workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  refreshLenses = workspace?.codeLens?.refreshSupport === true;
  refreshHints = workspace?.inlayHint?.refreshSupport === true;
  return {
    capabilities: {
      textDocumentSync: {
        openClose: true,
        change: TextDocumentSyncKind.Incremental,
        save: { includeText: false },
      },
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, fixAllKind],
      },
      hoverProvider: true,
      notebookDocumentSync: { notebookSelector },
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [showDocumentationCommand, probeCommand] },
    },
    serverInfo: { name: "initlint", version: "0.1.0" },
  };
});

connection.onInitialized(async () => {
  try {
    if (pullSettings) {
      await connection.client.register(DidChangeConfigurationNotification.type, undefined);
    }
    if (watchWithClient) {
      const watchers = configFileNames.map((name) => ({ globPattern: `**/${name}` }));
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    }
  } catch (err) {
    connection.console.warn(
      `server: registration failed: ${String(err)}; edits to config need a restart`,
    );
  }
});

connection.onDidChangeConfiguration(
  guarded("settings", undefined, (change) => {
    pushedSettings = (change.settings as Record<string, unknown> | undefined)?.initlint;
    configs.settingsChanged();
    relintAll();
    // `initlint.inlayHints.enable` may have changed.
    refreshInlayHints();
  }),
);

connection.onDidChangeWatchedFiles(guarded("config", undefined, configFilesChanged));

connection.onDidOpenTextDocument(
  guarded("open", undefined, ({ textDocument: doc }) => {
    warmup.activity();
    documents.open(doc.uri, doc.languageId, doc.version, doc.text);
    diagnostics.schedule(doc.uri);
  }),
);

connection.onDidChangeTextDocument(
  guarded("change", undefined, ({ textDocument, contentChanges }) => {
    warmup.activity();
    const document = documents.get(textDocument.uri);
    if (!document) return;
    document.applyChanges(contentChanges, textDocument.version);
    dropProbe(textDocument.uri);
    if (!diagnostics.onSaveOnly(textDocument.uri)) diagnostics.schedule(textDocument.uri);
  }),
);

connection.onDidSaveTextDocument(
  guarded("save", undefined, ({ textDocument }) => {
    diagnostics.schedule(textDocument.uri);
  }),
);

connection.onDidCloseTextDocument(
  guarded("close", undefined, ({ textDocument }) => {
    documents.close(textDocument.uri);
    configs.forget(textDocument.uri);
    probes.cancel(textDocument.uri);
    probes.forget(textDocument.uri);
    diagnostics.close(textDocument.uri);
    codeLens.forget(textDocument.uri);
  }),
);

connection.onCodeAction(
  guarded("codeAction", [], ({ textDocument, range, context }) => {
    if (notebooks.isCell(textDocument.uri)) {
      return notebooks.codeActions(textDocument.uri, range, context.only);
    }
    const document = documents.get(textDocument.uri);
    const current = diagnostics.current(textDocument.uri);
    if (!document || !current) return [];
    return codeActions({
      uri: document.uri,
      version: current.version,
      text: document.text,
      languageId: document.languageId,
      tree: document.tree(),
      findings: diagnostics.findings(textDocument.uri, current),
      range,
      only: context.only,
    });
  }),
);

connection.onHover(
  guarded("hover", null, ({ textDocument, position }) => {
    if (notebooks.isCell(textDocument.uri)) return notebooks.hover(textDocument.uri, position);
    const current = diagnostics.current(textDocument.uri);
    const base = current ? hoverAt(current.result.file, position) : null;
    const probed = probes.resultFor(textDocument.uri);
    const backend = probed && [probed.backend.name, probed.backend.detail].join(" ").trim();
    return withProbeHover(base, probed ? probeHover(probed.models, backend!, position) : null);
  }),
);

connection.languages.inlayHint.on(
  guarded("inlayHint", [], ({ textDocument, range }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    const enabled = configs.cached(textDocument.uri)?.settings["inlayHints.enable"] !== false;
    const result = probes.resultFor(textDocument.uri);
    return inlayHints({ result, text: document.text, range, enabled });
  }),
);

connection.onCodeLens(
  guarded("codeLens", [], ({ textDocument }) => {
    const current = diagnostics.current(textDocument.uri);
    return current ? codeLens.lenses(current.result.file) : [];
  }),
);

connection.onRequest(
  describeRequest,
  guarded("describe", null, (params: DescribeParams): DescribeResult => {
    return diagnostics.current(params.uri)?.result.file ?? null;
  }),
);

connection.onExecuteCommand(async (params, token, workDone) => {
  const { command, arguments: args } = params;
  try {
    const probeArgs = command === probeCommand ? readProbeArgs(args) : null;
    if (command === showDocumentationCommand && typeof args?.[0] === "string") {
      await connection.window.showDocument({ uri: args[0], takeFocus: true });
    } else if (probeArgs) {
      // Answered when the probe ends, so the client can show it busy; other requests are
      // served meanwhile, since the connection does not wait for one handler to finish.
      const progress = params.workDoneToken !== undefined ? workDone : undefined;
      await probeDocument(probeDeps, probeArgs, { token, ...(progress ? { progress } : {}) });
    }
  } catch (err) {
    connection.console.error(`command ${command}: ${String(err)}`);
  }
  return null;
});

// After every module has loaded (see v8-flags.ts) and before the first document comes in.
applyServerV8Flags();
connection.listen();
