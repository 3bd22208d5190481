/**
 * A minimal LSP client for tests: starts the bundled server (dist/server.js) as a child
 * process over stdio and talks to it with vscode-jsonrpc. Notifications are awaited, never
 * slept for: `diagnostics(uri, version)` resolves when the server publishes that version.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from "vscode-jsonrpc/node";
import type {
  CodeAction,
  Diagnostic,
  Hover,
  PublishDiagnosticsParams,
  Range,
  ShowMessageParams,
} from "vscode-languageserver-protocol";

const serverPath = path.join(__dirname, "..", "..", "dist", "server.js");

type Waiter = {
  test: (p: PublishDiagnosticsParams) => boolean;
  resolve: (d: Diagnostic[]) => void;
};

/** Options of a test client. */
export interface ClientOptions {
  /** The `initlint` settings section answered to workspace/configuration. */
  settings?: Record<string, unknown>;
  /** Watch files through the client (dynamic registration) rather than in the server. */
  clientWatching?: boolean;
  /** Advertise work-done progress and inlay hint / CodeLens refresh support. */
  probeUi?: boolean;
  /** Runs after `initialize` is sent and before its response is awaited (startup races). */
  beforeInitializeResponse?: (client: TestClient) => Promise<void>;
}

/** A running server and the client side of its connection. */
export class TestClient {
  readonly messages: ShowMessageParams[] = [];
  readonly shownDocuments: string[] = [];
  readonly stderr: string[] = [];
  /** The text of every window/logMessage, in order. */
  readonly logs: string[] = [];
  private logWaiters: { test: (m: string) => boolean; resolve: (m: string) => void }[] = [];
  private readonly published: PublishDiagnosticsParams[] = [];
  private waiters: Waiter[] = [];
  private messageWaiters: ((m: ShowMessageParams) => void)[] = [];
  settings: Record<string, unknown>;

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: MessageConnection,
    options: ClientOptions,
  ) {
    this.settings = options.settings ?? {};
  }

  /** Starts the server and completes the initialize handshake. */
  static async start(options: ClientOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [serverPath, "--stdio"], { stdio: "pipe" });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const client = new TestClient(child, connection, options);
    child.stderr!.on("data", (chunk: Buffer) => client.stderr.push(chunk.toString()));
    client.listen();
    connection.listen();
    const initialized = connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: options.clientWatching ?? true },
          ...(options.probeUi
            ? { inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } }
            : {}),
        },
        textDocument: {
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
        },
        window: { showDocument: { support: true }, workDoneProgress: options.probeUi ?? false },
      },
    });
    await options.beforeInitializeResponse?.(client);
    await initialized;
    await connection.sendNotification("initialized", {});
    return client;
  }

  private listen(): void {
    const c = this.connection;
    c.onRequest("workspace/configuration", (params: { items: unknown[] }) =>
      params.items.map(() => this.settings),
    );
    c.onRequest("client/registerCapability", () => null);
    c.onRequest("window/showDocument", (params: { uri: string }) => {
      this.shownDocuments.push(params.uri);
      return { success: true };
    });
    c.onNotification("window/showMessage", (params: ShowMessageParams) => {
      this.messages.push(params);
      const waiting = this.messageWaiters;
      this.messageWaiters = [];
      for (const resolve of waiting) resolve(params);
    });
    c.onNotification("window/logMessage", (params: { message: string }) => {
      this.logs.push(params.message);
      const ready = this.logWaiters.filter((w) => w.test(params.message));
      this.logWaiters = this.logWaiters.filter((w) => !w.test(params.message));
      for (const w of ready) w.resolve(params.message);
    });
    c.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      const ready = this.waiters.filter((w) => w.test(params));
      this.waiters = this.waiters.filter((w) => !w.test(params));
      for (const w of ready) w.resolve(params.diagnostics);
    });
  }

  /** Resolves with the diagnostics the server publishes for `uri` at `version`. */
  diagnostics(uri: string, version: number): Promise<Diagnostic[]> {
    const test = (p: PublishDiagnosticsParams) => p.uri === uri && p.version === version;
    const seen = this.published.find(test);
    if (seen) return Promise.resolve(seen.diagnostics);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  /** Resolves with the next diagnostics published for `uri` after this call. */
  nextDiagnostics(uri: string): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.waiters.push({ test: (p) => p.uri === uri, resolve }));
  }

  /** Every version published for `uri`, in order. */
  publishedVersions(uri: string): (number | undefined)[] {
    return this.published.filter((p) => p.uri === uri).map((p) => p.version);
  }

  /** Resolves with the params of the next notification `method` (a custom one). */
  nextNotification(method: string): Promise<unknown> {
    return new Promise((resolve) => {
      const disposable = this.connection.onNotification(method, (params: unknown) => {
        disposable.dispose();
        resolve(params);
      });
    });
  }

  /** Resolves with the first log line (already logged or next) that passes `test`. */
  log(test: (message: string) => boolean): Promise<string> {
    const seen = this.logs.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => this.logWaiters.push({ test, resolve }));
  }

  /** Every URI something was published for, in order of first publication. */
  publishedUris(): string[] {
    return [...new Set(this.published.map((p) => p.uri))];
  }

  /** Resolves with the next window/showMessage. */
  nextMessage(): Promise<ShowMessageParams> {
    return new Promise((resolve) => this.messageWaiters.push(resolve));
  }

  open(uri: string, text: string, languageId = "python", version = 1): Promise<void> {
    return this.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId, version, text },
    });
  }

  change(uri: string, version: number, changes: { range?: Range; text: string }[]) {
    return this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  save(uri: string): Promise<void> {
    return this.connection.sendNotification("textDocument/didSave", { textDocument: { uri } });
  }

  codeActions(uri: string, range: Range, only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range,
      context: { diagnostics: [], ...(only ? { only } : {}) },
    });
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest("textDocument/hover", {
      textDocument: { uri },
      position: { line, character },
    });
  }

  /** Shuts the server down the LSP way and waits for the process to end. */
  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    try {
      await this.connection.sendRequest("shutdown");
      await this.connection.sendNotification("exit");
    } catch {
      this.child.kill();
    }
    await exited;
    this.connection.dispose();
  }
}
