/**
 * Messages between the extension and the plot webview, and the plot's fixed reference values.
 */
import type { ProbeResult } from "../probe-types";

/** Extension to webview: draw this result, selecting one model. */
export interface PlotMessage {
  type: "show";
  result: ProbeResult;
  modelIndex: number;
}

/** Webview to extension: it has loaded, or the user clicked a layer. */
export type WebviewMessage = { type: "ready" } | { type: "reveal"; line: number };

/**
 * The band of output variance the plot calls healthy: within a factor of 10 of the unit input
 * variance, the max/min ratio SageMaker Debugger's PoorWeightInitialization rule uses.
 */
export const healthyBand = { low: 0.1, high: 10 } as const;

/** Validates a message from the webview, which is untrusted input. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== "object" || value === null) return false;
  const m = value as Record<string, unknown>;
  if (m.type === "ready") return true;
  return m.type === "reveal" && typeof m.line === "number" && Number.isInteger(m.line);
}
