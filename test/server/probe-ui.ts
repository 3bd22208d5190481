/**
 * The editor side of the probe for server tests, on a `TestClient` started with `probeUi`:
 * accepts the server's work-done progress tokens and records every progress value, counts
 * inlay hint refresh requests, and sends the probe command and inlay hint requests.
 */
import {
  WorkDoneProgress,
  type Diagnostic,
  type InlayHint,
  type Range,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from "vscode-languageserver-protocol";
import type { ProbeArgs } from "../../server/src/protocol";
import type { TestClient } from "./lsp-client";

/** One progress value as the server sent it. */
export type ProgressValue =
  WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

/** Records the probe's editor traffic of one client. */
export class ProbeUi {
  /** The values of each progress token, in the order the tokens were created. */
  readonly progress: ProgressValue[][] = [];
  /** Tokens created, in order, for cancelling one from a test. */
  readonly tokens: (string | number)[] = [];
  /** How many times the server asked to refresh inlay hints. */
  refreshes = 0;
  private beginWaiters: ((token: string | number) => void)[] = [];

  constructor(private readonly client: TestClient) {
    const c = client.connection;
    c.onRequest("window/workDoneProgress/create", (params: { token: string | number }) => {
      const values: ProgressValue[] = [];
      this.progress.push(values);
      this.tokens.push(params.token);
      c.onProgress(WorkDoneProgress.type, params.token, (value) => {
        values.push(value);
        if (value.kind !== "begin") return;
        const waiting = this.beginWaiters;
        this.beginWaiters = [];
        for (const resolve of waiting) resolve(params.token);
      });
      return null;
    });
    c.onRequest("workspace/inlayHint/refresh", () => {
      this.refreshes++;
      return null;
    });
    c.onRequest("workspace/codeLens/refresh", () => null);
  }

  /** Runs `initlint.probe`; resolves when the server answers, after the probe has ended. */
  probe(args: ProbeArgs): Promise<unknown> {
    return this.client.connection.sendRequest("workspace/executeCommand", {
      command: "initlint.probe",
      arguments: [args],
    });
  }

  /** Resolves with the token of the next progress that begins. */
  nextBegin(): Promise<string | number> {
    return new Promise((resolve) => this.beginWaiters.push(resolve));
  }

  /** Presses the progress's cancel button. */
  cancel(token: string | number): Promise<void> {
    return this.client.connection.sendNotification("window/workDoneProgress/cancel", { token });
  }

  inlayHints(uri: string, range: Range): Promise<InlayHint[]> {
    return this.client.connection.sendRequest("textDocument/inlayHint", {
      textDocument: { uri },
      range,
    });
  }

  /** Resolves with the next diagnostics of `uri` that hold a finding with `code`. */
  async diagnosticsWith(uri: string, code: string): Promise<Diagnostic[]> {
    for (;;) {
      const diagnostics = await this.client.nextDiagnostics(uri);
      if (diagnostics.some((d) => d.code === code)) return diagnostics;
    }
  }
}
