/**
 * Helpers for the stress tests that drive the bundled server: start it on a temporary
 * workspace, convert offsets to LSP positions, compare published diagnostics with a fresh
 * in-process analysis, and read the server's resident memory.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { analyze } from "../../server/src/analysis/analyze";
import { defaultConfig } from "../../server/src/config/effective";
import { toLspSeverity } from "../../server/src/providers/to-diagnostic";
import { BenchClient } from "../bench/lsp";
import { root } from "./corpus";

/** Starts dist/server.js with `workspace` as its root. */
export function startServer(workspace: string | null): Promise<BenchClient> {
  return BenchClient.start({
    command: process.execPath,
    args: [path.join(root, "dist", "server.js"), "--stdio"],
    rootUri: workspace ? `file://${workspace}` : null,
  });
}

/** The LSP position of `offset` in `text`. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (;;) {
    const next = text.indexOf("\n", start);
    if (next < 0 || next >= offset) return { line, character: offset - start };
    line++;
    start = next + 1;
  }
}

/** A comparable one-line form of a diagnostic: position, code, severity, message. */
export function diagnosticKey(d: Diagnostic): string {
  const { line, character } = d.range.start;
  return `${line}:${character} ${String(d.code)} ${d.severity} ${d.message}`;
}

/** The same keys for a fresh in-process analysis of `text` under the default settings. */
export function freshKeys(uri: string, text: string, languageId = "python"): string[] {
  const { findings } = analyze({ uri, text, languageId, config: defaultConfig() });
  return findings.map((f) => {
    const { line, character } = f.range.start;
    return `${line}:${character} ${f.code} ${toLspSeverity(f.severity)} ${f.message}`;
  });
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function residentMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}
