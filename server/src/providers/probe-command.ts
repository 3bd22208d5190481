/**
 * The `initlint.probe` command: checks the arguments the client sent, reads the document's
 * probe settings and configuration, and hands the run to the probe service. Every way a run
 * can end badly (bad settings, no model, an unknown input shape, a worker crash, an
 * out-of-memory, a timeout) is shown to the user as a message, never thrown, so the server
 * keeps serving and the next probe starts clean.
 */
import {
  MessageType,
  ShowMessageNotification,
  type CancellationToken,
  type Connection,
  type WorkDoneProgressReporter,
} from "vscode-languageserver/node";
import { applySuppressions } from "../analysis/suppressions";
import { defaultConfig, type EffectiveConfig } from "../config/effective";
import type { ResolvedSettings } from "../config/merge";
import { codeEnabled } from "../config/select";
import type { DocumentConfig } from "../config/workspace";
import type { DocumentStore, OpenDocument } from "../documents/store";
import type { Model, Position } from "../model/types";
import type { ProbeOutcome } from "../probe/client";
import type { ProbeOverrides } from "../probe/options";
import type { ProbeArgs } from "../protocol";
import type { Finding } from "../rules/types";
import type { ProbeService } from "./probe-service";

/** What the command needs from the server. */
export interface ProbeCommandDeps {
  connection: Connection;
  documents: DocumentStore;
  service: ProbeService;
  /** The current models of an open document, or null when it is not analysable. */
  models(uri: string): Model[] | null;
  /** The document's configuration, fetched when not cached. */
  config(uri: string): Promise<DocumentConfig>;
}

/** The request the command came in: its cancellation and its own progress token, if any. */
export interface ProbeRequest {
  token?: CancellationToken;
  progress?: WorkDoneProgressReporter;
}

/** The worker's heap: never under 2 GB, and room for several layers of the memory budget. */
const MIN_HEAP_MB = 2048;

function show(connection: Connection, type: MessageType, message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, {
    type,
    message: `initlint: ${message}`,
  });
}

function isPosition(value: unknown): value is Position {
  const p = value as Partial<Position> | null;
  return typeof p?.line === "number" && typeof p.character === "number";
}

/** The command's arguments, checked: they come from any client. */
export function readProbeArgs(args: unknown[] | undefined): ProbeArgs | null {
  const first = args?.[0] as Partial<ProbeArgs> | undefined;
  if (typeof first?.uri !== "string") return null;
  return isPosition(first.position)
    ? { uri: first.uri, position: first.position }
    : { uri: first.uri };
}

function overridesOf(settings: ResolvedSettings): ProbeOverrides {
  return {
    seed: settings["probe.seed"] as number,
    batch: settings["probe.batchSize"] as number,
    backend: settings["probe.backend"] as string,
    inputShape: settings["probe.inputShape"] as string,
    memoryBudgetMB: settings["probe.memoryBudgetMB"] as number,
  };
}

/**
 * The probe findings under the user's configuration: rules switched off or deselected are
 * dropped, severity overrides apply, and `initlint: ignore[...]` comments silence them as
 * they do static findings (without IL100 reports, which the static pass owns).
 */
export function configureProbeFindings(
  findings: Finding[],
  document: OpenDocument,
  config: EffectiveConfig,
): Finding[] {
  if (!config.enable) return [];
  const enabled = findings.filter((f) => codeEnabled(f.code, config));
  for (const finding of enabled) {
    const override = config.severity[finding.code];
    if (override && override !== "off") finding.severity = override;
  }
  const quiet = { ...config, severity: { ...config.severity, IL100: "off" as const } };
  const tree = document.languageId === "python" ? document.tree() : undefined;
  return applySuppressions(enabled, document.text, document.languageId, {
    tree,
    config: quiet,
  });
}

function report(connection: Connection, outcome: ProbeOutcome): void {
  if (outcome.ok) {
    const unprobed = outcome.result.models.filter((m) => m.error);
    for (const model of unprobed) {
      show(connection, MessageType.Warning, `probe of ${model.name}: ${model.error}`);
    }
    return;
  }
  // A cancelled run was asked for (the cancel button, or a newer probe of the same file).
  if (outcome.reason === "cancelled") return;
  const hint =
    outcome.reason === "timeout"
      ? "; raise initlint.probe.timeBudgetSeconds or lower initlint.probe.batchSize"
      : "";
  const type = outcome.reason === "timeout" ? MessageType.Warning : MessageType.Error;
  connection.console.warn(`probe: ${outcome.message}; the server keeps running`);
  show(connection, type, `probe: ${outcome.message}${hint}`);
}

async function configOf(deps: ProbeCommandDeps, uri: string): Promise<DocumentConfig | null> {
  try {
    return await deps.config(uri);
  } catch (err) {
    deps.connection.console.error(`probe: config: ${String(err)}; using the defaults`);
    return null;
  }
}

/** Runs one probe request; resolves when the result or the failure has been sent. */
export async function probeDocument(
  deps: ProbeCommandDeps,
  args: ProbeArgs,
  request: ProbeRequest = {},
): Promise<void> {
  const { connection } = deps;
  const document = deps.documents.get(args.uri);
  const all = document ? deps.models(args.uri) : null;
  if (!document || !all) {
    return show(
      connection,
      MessageType.Warning,
      "probe: the document is not open or not analysable",
    );
  }
  if (all.length === 0)
    return show(connection, MessageType.Info, "probe: no model in this file");

  const found = await configOf(deps, args.uri);
  const config = found?.config ?? defaultConfig();
  const seconds = (found?.settings["probe.timeBudgetSeconds"] as number | undefined) ?? 60;
  const overrides = found ? overridesOf(found.settings) : {};
  const budgetMb = overrides.memoryBudgetMB ?? 512;
  const version = document.version;

  const outcome = await deps.service.run({
    uri: args.uri,
    text: document.text,
    models: all,
    ...(args.position ? { position: args.position } : {}),
    overrides,
    timeoutMs: seconds * 1000,
    maxHeapMb: Math.max(MIN_HEAP_MB, budgetMb * 4),
    ...request,
    adjust: (findings) => configureProbeFindings(findings, document, config),
    stillCurrent: () =>
      deps.documents.get(args.uri) === document && document.version === version,
  });
  report(connection, outcome);
}
