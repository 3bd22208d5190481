/**
 * The language status item: which probe backend ran last and when, or that no probe has run
 * in this window yet. Clicking it opens the plot.
 */
import * as vscode from "vscode";
import type { ProbeResult } from "./probe-types";

const backendNames: Record<string, string> = {
  gpu: "GPU",
  "tensorflow-gpu": "GPU",
  node: "CPU (native)",
  tensorflow: "CPU (native)",
  wasm: "WebAssembly",
  cpu: "CPU (JavaScript)",
};

/** A readable name for the backend string of a probe result. */
export function backendLabel(backend: string): string {
  return backendNames[backend.toLowerCase()] ?? backend;
}

/** Owns the language status item. */
export class ProbeStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem("initlint.probe", selector);
    this.item.name = "initlint probe";
    this.item.text = "$(beaker) initlint: no probe yet";
    this.item.detail = "Run “initlint: Probe Model at Cursor”";
    this.item.command = { title: "Probe", command: "initlint.probeModelAtCursor" };
  }

  /** Shows the backend and the time of the probe that just finished. */
  update(result: ProbeResult): void {
    const time = new Date().toLocaleTimeString();
    const elapsed =
      result.elapsedMs === undefined ? "" : `, ${(result.elapsedMs / 1000).toFixed(1)} s`;
    this.item.text = `$(beaker) probe: ${backendLabel(result.backend)}`;
    this.item.detail = `last probe ${time}${elapsed}`;
    this.item.severity = vscode.LanguageStatusSeverity.Information;
    this.item.command = { title: "Show Plot", command: "initlint.showPlot" };
  }

  /** Marks the item busy while a probe runs. */
  setBusy(busy: boolean): void {
    this.item.busy = busy;
  }

  dispose(): void {
    this.item.dispose();
  }
}
