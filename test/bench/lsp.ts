/**
 * A small LSP client for the benchmarks and stress tests: starts any language server as a
 * child process over stdio and awaits its messages (no sleeps). Used for initlint's bundled
 * server and for pyright's, so both are measured the same way.
 */
import { spawn, type ChildProcess } from "node:child_process";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from "vscode-languageserver-protocol/node";
import type {
  Diagnostic,
  LogMessageParams,
  PublishDiagnosticsParams,
  Range,
} from "vscode-languageserver-protocol";

type Waiter = {
  test: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
};

/** How to start a server and what to tell it. */
export interface ServerSpec {
  command: string;
  args: string[];
  /** The workspace folder URI, or null for none. */
  rootUri: string | null;
  /** Answered to every workspace/configuration item. */
  settings?: unknown;
  cwd?: string;
}

/** A running language server and the client side of its connection. */
export class BenchClient {
  readonly logs: LogMessageParams[] = [];
  readonly shown: LogMessageParams[] = [];
  readonly stderr: string[] = [];
  readonly published: PublishDiagnosticsParams[] = [];
  private waiters: Waiter[] = [];
  private logWaiters: { test: (m: string) => boolean; resolve: (m: string) => void }[] = [];
  private exited = false;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    child.once("exit", () => {
      this.exited = true;
    });
  }

  /** Starts the server and completes the initialize handshake. */
  static async start(spec: ServerSpec): Promise<BenchClient> {
    const child = spawn(spec.command, spec.args, { stdio: "pipe", cwd: spec.cwd });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const client = new BenchClient(child, connection);
    child.stderr!.on("data", (chunk: Buffer) => client.stderr.push(chunk.toString()));
    client.listen(spec.settings ?? {});
    connection.listen();
    const folders = spec.rootUri ? [{ uri: spec.rootUri, name: "bench" }] : null;
    await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: spec.rootUri,
      workspaceFolders: folders,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          synchronization: { didSave: true },
        },
      },
    });
    await connection.sendNotification("initialized", {});
    return client;
  }

  private listen(settings: unknown): void {
    const c = this.connection;
    c.onRequest("workspace/configuration", (params: { items: unknown[] }) =>
      params.items.map(() => settings),
    );
    c.onRequest("client/registerCapability", () => null);
    c.onRequest("window/workDoneProgress/create", () => null);
    c.onNotification("window/logMessage", (p: LogMessageParams) => {
      this.logs.push(p);
      const ready = this.logWaiters.filter((w) => w.test(p.message));
      this.logWaiters = this.logWaiters.filter((w) => !w.test(p.message));
      for (const w of ready) w.resolve(p.message);
    });
    c.onNotification("window/showMessage", (p: LogMessageParams) => this.shown.push(p));
    c.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      const ready = this.waiters.filter((w) => w.test(params));
      this.waiters = this.waiters.filter((w) => !w.test(params));
      for (const w of ready) w.resolve(params);
    });
  }

  /** True once the server process has ended. */
  get hasExited(): boolean {
    return this.exited;
  }

  /** Resolves with the diagnostics published for `uri` at `version` (already seen or next). */
  diagnostics(uri: string, version: number): Promise<Diagnostic[]> {
    const test = (p: PublishDiagnosticsParams) => p.uri === uri && p.version === version;
    const seen = this.published.find(test);
    if (seen) return Promise.resolve(seen.diagnostics);
    return this.waitFor(test).then((p) => p.diagnostics);
  }

  /** Resolves with the first log line (already logged or next) that passes `test`. */
  log(test: (message: string) => boolean): Promise<string> {
    const seen = this.logs.find((p) => test(p.message));
    if (seen) return Promise.resolve(seen.message);
    return new Promise((resolve) => this.logWaiters.push({ test, resolve }));
  }

  /** Resolves with the next publication matching `test`. */
  waitFor(test: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  /** Opens a document. */
  open(uri: string, text: string, languageId = "python", version = 1): Promise<void> {
    return this.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId, version, text },
    });
  }

  /** Sends content changes for `uri` at `version`. */
  change(uri: string, version: number, changes: { range?: Range; text: string }[]) {
    return this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  /** Closes a document. */
  close(uri: string): Promise<void> {
    return this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  /** A request every server answers at once (hover on a document it does not have). */
  roundTrip(): Promise<unknown> {
    return this.connection.sendRequest("textDocument/hover", {
      textDocument: { uri: "file:///nonexistent/never-opened.py" },
      position: { line: 0, character: 0 },
    });
  }

  /** Shuts the server down the LSP way and waits for the process to end. */
  async stop(): Promise<void> {
    if (this.exited) {
      this.connection.dispose();
      return;
    }
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
