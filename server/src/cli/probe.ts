/**
 * `initlint probe FILE [--model NAME] [--seed N] [--batch N] [--input-shape ...]
 * [--backend auto|gpu|node|wasm|cpu] [--format text|json]`: describes the file, probes its
 * models in the worker and prints a per-layer table or the JSON of the CLI contract.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe } from "../analysis/analyze";
import { initPython } from "../frontends/python/parser";
import type { Model } from "../model/types";
import { runProbe } from "../probe/client";
import { directiveFor, findDirectives } from "../probe/directive";
import { probeOptions, type ProbeOverrides } from "../probe/options";
import type { LayerResult, ModelResult, ProbeResult } from "../probe/types";

interface ProbeArgs {
  file: string;
  model?: string;
  format: "text" | "json";
  overrides: ProbeOverrides;
}

const usage =
  "usage: initlint probe FILE [--model NAME] [--seed N] [--batch N] [--input-shape (C, H, W)] " +
  "[--backend auto|gpu|node|wasm|cpu] [--format text|json]";

function integer(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n)) throw new Error(`${flag} needs an integer`);
  return n;
}

/** Parses the probe command's arguments (after the word `probe`). */
export function parseProbeArgs(argv: string[]): ProbeArgs {
  const args: ProbeArgs = { file: "", format: "text", overrides: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] =
      a.startsWith("--") && a.includes("=")
        ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
        : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === "--model") args.model = value();
    else if (flag === "--seed") args.overrides.seed = integer(flag, value());
    else if (flag === "--batch") args.overrides.batch = integer(flag, value());
    else if (flag === "--input-shape") args.overrides.inputShape = value() ?? "";
    else if (flag === "--backend") args.overrides.backend = value() ?? "";
    else if (flag === "--format") {
      const f = value();
      if (f !== "text" && f !== "json") throw new Error("--format is text or json");
      args.format = f;
    } else if (flag.startsWith("--")) throw new Error(`unknown option ${flag}`);
    else if (!args.file) args.file = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!args.file) throw new Error("no file given");
  return args;
}

function languageOf(file: string): string {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".py") return "python";
  if (ext === ".ts" || ext === ".mts" || ext === ".cts") return "typescript";
  if (ext === ".tsx") return "typescriptreact";
  if (ext === ".jsx") return "javascriptreact";
  return "javascript";
}

/** The models of a file, each with its input-shape directive applied. */
export async function modelsOf(file: string, text: string): Promise<Model[]> {
  const languageId = languageOf(file);
  if (languageId === "python") await initPython();
  const description = describe({ uri: `file://${path.resolve(file)}`, text, languageId });
  const directives = findDirectives(text);
  return description.models.map((m) => {
    const shape = m.inputShape ?? directiveFor(m, description.models, directives);
    return shape ? { ...m, inputShape: shape } : m;
  });
}

/** The JSON of the CLI contract (issue 5, item 10). */
export function probeJson(result: ProbeResult): unknown {
  const layer = (l: LayerResult) => ({
    name: l.name,
    kind: l.kind,
    line: l.line,
    initializer: l.initializer,
    activation: l.activation,
    fanIn: l.fanIn,
    fanOut: l.fanOut,
    weightVar: l.weightVar,
    weightVarNominal: l.weightVarNominal,
    preactMean: l.preactMean,
    preactVar: l.preactVar,
    outputMean: l.outputMean,
    outputVar: l.outputVar,
    deadFraction: l.deadFraction,
    saturatedFraction: l.saturatedFraction,
    gradVar: l.gradVar,
    sampled: l.sampled,
  });
  const model = (m: ModelResult) => ({
    name: m.name,
    layers: m.layers.map(layer),
    findings: m.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      line: f.line,
    })),
  });
  return {
    backend: result.backend.name,
    seed: result.seed,
    batch: result.batch,
    models: result.models.map(model),
  };
}

function num(x: number | null): string {
  if (x === null || Number.isNaN(x)) return "-";
  if (x === 0) return "0";
  return Math.abs(x) >= 0.01 && Math.abs(x) < 1e4 ? x.toFixed(3) : x.toExponential(2);
}

/** The per-layer table of the text format. */
export function probeText(result: ProbeResult): string {
  const b = result.backend;
  const skipped = b.skipped.map((s) => `${s.name}: ${s.reason}`).join("; ");
  const lines = [`backend ${b.name} (${b.detail})${skipped ? `; not used: ${skipped}` : ""}`];
  if (b.fellBack.length) lines.push(`ran on cpu after an op failed: ${b.fellBack.join(", ")}`);
  lines.push(`seed ${result.seed}, batch ${result.batch}`);
  const head = [
    "line",
    "layer",
    "kind",
    "act",
    "fan_in",
    "Var(W)",
    "nominal",
    "pre σ²",
    "out σ²",
    "dead",
    "grad σ²",
  ];
  for (const m of result.models) {
    lines.push("", `model ${m.name}`);
    if (m.error) {
      lines.push(`  ${m.error}`);
      continue;
    }
    const rows = m.layers.map((l) => [
      String(l.line + 1),
      l.name + (l.sampled ? "*" : ""),
      l.kind,
      l.activation ?? "",
      l.fanIn === null ? "" : String(l.fanIn),
      num(l.weightVar),
      num(l.weightVarNominal),
      num(l.preactVar),
      num(l.outputVar),
      l.deadFraction === null ? "" : `${Math.round(l.deadFraction * 100)}%`,
      l.error ? `(${l.error})` : num(l.gradVar),
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const fmtRow = (r: string[]) =>
      "  " +
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd();
    lines.push(fmtRow(head), ...rows.map(fmtRow));
    if (m.layers.some((l) => l.sampled))
      lines.push("  * output units sampled to fit the memory budget");
    for (const f of m.findings)
      lines.push(`  ${f.line + 1}: ${f.severity} ${f.code} ${f.message}`);
    for (const n of [
      ...m.notes,
      ...m.layers.flatMap((l) => l.notes.map((x) => `${l.name}: ${x}`)),
    ]) {
      lines.push(`  note: ${n}`);
    }
  }
  return lines.join("\n");
}

/** Runs the probe command; returns the exit status (0 ok, 1 findings of error severity, 2 failure). */
export async function runProbeCommand(argv: string[]): Promise<number> {
  let args: ProbeArgs;
  let options;
  try {
    args = parseProbeArgs(argv);
    options = probeOptions(args.overrides);
  } catch (err) {
    process.stderr.write(`initlint probe: ${(err as Error).message}\n${usage}\n`);
    return 2;
  }
  let text: string;
  try {
    text = fs.readFileSync(args.file, "utf8");
  } catch (err) {
    process.stderr.write(
      `initlint probe: cannot read ${args.file}: ${(err as Error).message}\n`,
    );
    return 2;
  }
  let models = await modelsOf(args.file, text);
  if (args.model) models = models.filter((m) => m.name === args.model || m.id === args.model);
  if (models.length === 0) {
    process.stderr.write(
      `initlint probe: no model${args.model ? ` named ${args.model}` : ""} in ${args.file}\n`,
    );
    return 2;
  }
  const outcome = await runProbe(models, options, {
    timeoutMs: 10 * 60 * 1000,
    maxHeapMb: 4096,
    onLog: (line) => process.stderr.write(`probe: ${line}\n`),
  });
  if (!outcome.ok) {
    process.stderr.write(`initlint probe: ${outcome.message}\n`);
    return 2;
  }
  const out =
    args.format === "json"
      ? JSON.stringify(probeJson(outcome.result), null, 2)
      : probeText(outcome.result);
  process.stdout.write(out + "\n");
  const errors = outcome.result.models.some((m) =>
    m.findings.some((f) => f.severity === "error"),
  );
  return errors ? 1 : 0;
}
