/**
 * The `initlint.probe` command: probes the model at a position (or every model) of an open
 * document off the main thread, with the document's probe settings, and sends the result to
 * the client as `initlint/probeResult`. Failures are shown, never thrown.
 */
import {
  MessageType,
  ShowMessageNotification,
  type Connection,
} from "vscode-languageserver/node";
import type { ResolvedSettings } from "../config/merge";
import type { Model, Position, Range } from "../model/types";
import { runProbe } from "../probe/client";
import type { ProbeResult } from "../probe/types";
import { probeOptions } from "../probe/options";
import { probeResultNotification, type ProbeArgs } from "../protocol";

/** What the command needs from the server. */
export interface ProbeCommandDeps {
  connection: Connection;
  /** The current models of an open document, or null when it is not open or not analysable. */
  models(uri: string): Model[] | null;
  settings(uri: string): ResolvedSettings | undefined;
  /** Told of each finished probe, before the client is (CodeLens summaries, inlay hints). */
  onResult?(uri: string, result: ProbeResult): void;
}

function inside(range: Range, pos: Position): boolean {
  const after =
    pos.line > range.start.line ||
    (pos.line === range.start.line && pos.character >= range.start.character);
  const before =
    pos.line < range.end.line ||
    (pos.line === range.end.line && pos.character <= range.end.character);
  return after && before;
}

function show(connection: Connection, message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, {
    type: MessageType.Warning,
    message: `initlint: ${message}`,
  });
}

/** Runs one probe request; resolves when the result (or the failure) has been sent. */
export async function probeDocument(deps: ProbeCommandDeps, args: ProbeArgs): Promise<void> {
  const all = deps.models(args.uri);
  if (!all) return show(deps.connection, "probe: the document is not open or not analysable");
  const position = args.position;
  const models = position ? all.filter((m) => inside(m.range, position)) : all;
  if (models.length === 0) return show(deps.connection, "probe: no model found here");

  const settings = deps.settings(args.uri);
  let options;
  try {
    options = probeOptions({
      seed: settings?.["probe.seed"] as number | undefined,
      batch: settings?.["probe.batchSize"] as number | undefined,
      backend: settings?.["probe.backend"] as string | undefined,
      inputShape: settings?.["probe.inputShape"] as string | undefined,
      memoryBudgetMB: settings?.["probe.memoryBudgetMB"] as number | undefined,
    });
  } catch (err) {
    return show(deps.connection, `probe settings: ${(err as Error).message}`);
  }

  const seconds = (settings?.["probe.timeBudgetSeconds"] as number | undefined) ?? 60;
  const outcome = await runProbe(models, options, {
    timeoutMs: seconds * 1000,
    maxHeapMb: 4096,
    onLog: (line) => deps.connection.console.log(`probe: ${line}`),
  });
  if (!outcome.ok) return show(deps.connection, `probe: ${outcome.message}`);
  deps.onResult?.(args.uri, outcome.result);
  await deps.connection.sendNotification(probeResultNotification, {
    ...outcome.result,
    uri: args.uri,
  });
}
