/**
 * `initlint probe FILE [--model NAME] [--seed N] [--batch N] [--input-shape ...]
 * [--backend auto|gpu|node|wasm|cpu] [--format text|json]`: describes the file (a notebook
 * through its joined code cells), probes its models in the worker and prints a per-layer
 * table or the JSON of the CLI contract, with lines relative to the cell in notebooks.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe } from "../analysis/analyze";
import {
  buildProgram,
  notebookLanguage,
  parseNotebook,
  toCellRange,
  type NotebookProgram,
} from "../frontends/notebook";
import { initPython } from "../frontends/python/parser";
import type { Model } from "../model/types";
import { runProbe } from "../probe/client";
import { directiveFor, findDirectives } from "../probe/directive";
import { probeOptions, type ProbeOverrides } from "../probe/options";
import type { LayerResult, ModelResult, ProbeResult } from "../probe/types";

interface ProbeArgs {
  help?: boolean;
  file: string;
  model?: string;
  format: "text" | "json";
  overrides: ProbeOverrides;
}

const usage =
  "usage: initlint probe FILE [--model NAME] [--seed N] [--batch N] [--input-shape (C, H, W)] " +
  "[--backend auto|gpu|node|wasm|cpu] [--format text|json]";

const help = `${usage}

Runs a seeded forward/backward pass over each model of FILE (.py, .ipynb, .ts, .js) with
TensorFlow.js and prints per-layer statistics and the checks IL101-IL106.

Options:
  --model NAME         probe only this model (class or variable name)
  --seed N             seed of the probe's random numbers (default 0)
  --batch N            number of samples in the batch
  --input-shape SHAPE  input shape without the batch, e.g. "(3, 224, 224)"
  --backend NAME       auto|gpu|node|wasm|cpu: the first backend to try
  --format FMT         text (a table per model) or json
  -h, --help           print this help

Exit status: 0 when no check at warning or above fired, 1 when one did, 2 when the probe
could not run (bad usage, no model, no backend).`;

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
    // A flag at the end, or followed by another flag, has no value: a usage error.
    const value = (): string => {
      const v = inline ?? argv[i + 1];
      if (v === undefined || (inline === undefined && v.startsWith("--"))) {
        throw new Error(`${flag} needs a value`);
      }
      if (inline === undefined) i++;
      return v;
    };
    if (flag === "--help" || flag === "-h") args.help = true;
    else if (flag === "--model") args.model = value();
    else if (flag === "--seed") args.overrides.seed = integer(flag, value());
    else if (flag === "--batch") args.overrides.batch = integer(flag, value());
    else if (flag === "--input-shape") args.overrides.inputShape = value();
    else if (flag === "--backend") args.overrides.backend = value();
    else if (flag === "--format") {
      const f = value();
      if (f !== "text" && f !== "json") throw new Error("--format is text or json");
      args.format = f;
    } else if (flag.startsWith("--")) throw new Error(`unknown option ${flag}`);
    else if (!args.file) args.file = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!args.file && !args.help) throw new Error("no file given");
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

/** A file's models and, for a notebook, how its joined program maps back to the cells. */
export interface ProbeSource {
  models: Model[];
  program?: NotebookProgram;
}

/** The models of a file (a notebook's code cells joined), with directives applied. */
export async function probeSource(file: string, text: string): Promise<ProbeSource> {
  if (path.extname(file).toLowerCase() !== ".ipynb")
    return { models: await modelsOf(file, text) };
  const cells = parseNotebook(text);
  if (!cells) throw new Error(`${file} is not notebook JSON`);
  const program = buildProgram(cells);
  const language = notebookLanguage(text) ?? "python";
  if (language !== "python") return { models: [], program };
  return { models: await modelsOf(file.replace(/\.ipynb$/i, ".py"), program.text), program };
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

/** What the output needs beyond the result: the notebook's map, the backend asked for. */
export interface ProbeContext {
  program?: NotebookProgram;
  requested?: string;
}

/** A program line as the output shows it: in a notebook, the cell and the line in it. */
function place(line: number, program?: NotebookProgram): { line: number; cell?: number } {
  if (!program) return { line };
  const at = { line, character: 0 };
  const located = toCellRange(program, { start: at, end: at });
  return located ? { line: located.range.start.line, cell: located.cell } : { line };
}

/** Why the backend that ran is not a better one: each skipped backend's reason, and the fallback. */
export function backendNotes(result: ProbeResult, requested?: string): string[] {
  const b = result.backend;
  const notes = b.skipped.map((s) => `${s.name}: ${s.reason}`);
  if (requested && requested !== "auto" && requested !== b.name) {
    notes.push(`--backend ${requested} requested; fell back to ${b.name}`);
  }
  if (b.fellBack.length) notes.push(`ran on cpu after an op failed: ${b.fellBack.join(", ")}`);
  return notes;
}

/** The JSON of the CLI contract, plus `backendNotes` and, in notebooks, a `cell` per row. */
export function probeJson(result: ProbeResult, context: ProbeContext = {}): unknown {
  const layer = (l: LayerResult) => ({
    name: l.name,
    kind: l.kind,
    ...place(l.line, context.program),
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
      ...place(f.line, context.program),
    })),
  });
  return {
    backend: result.backend.name,
    backendNotes: backendNotes(result, context.requested),
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
export function probeText(result: ProbeResult, context: ProbeContext = {}): string {
  const b = result.backend;
  const skipped = b.skipped.map((s) => `${s.name}: ${s.reason}`).join("; ");
  const lines = [`backend ${b.name} (${b.detail})${skipped ? `; not used: ${skipped}` : ""}`];
  const requested = context.requested;
  if (requested && requested !== "auto" && requested !== b.name) {
    lines.push(`--backend ${requested} requested; fell back to ${b.name}`);
  }
  if (b.fellBack.length) lines.push(`ran on cpu after an op failed: ${b.fellBack.join(", ")}`);
  const where = (line: number) => {
    const p = place(line, context.program);
    return p.cell === undefined ? String(p.line + 1) : `[${p.cell}]${p.line + 1}`;
  };
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
      where(l.line),
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
      lines.push(`  ${where(f.line)}: ${f.severity} ${f.code} ${f.message}`);
    for (const n of [
      ...m.notes,
      ...m.layers.flatMap((l) => l.notes.map((x) => `${l.name}: ${x}`)),
    ]) {
      lines.push(`  note: ${n}`);
    }
  }
  return lines.join("\n");
}

/** Runs the probe command; returns the exit status (0 ok, 1 a finding at warning or above, 2 failure). */
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
  if (args.help) {
    process.stdout.write(help + "\n");
    return 0;
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
  let source: ProbeSource;
  try {
    source = await probeSource(args.file, text);
  } catch (err) {
    process.stderr.write(`initlint probe: ${(err as Error).message}\n`);
    return 2;
  }
  let models = source.models;
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
  const context: ProbeContext = { requested: options.backend };
  if (source.program) context.program = source.program;
  const out =
    args.format === "json"
      ? JSON.stringify(probeJson(outcome.result, context), null, 2)
      : probeText(outcome.result, context);
  process.stdout.write(out + "\n");
  return probeExitCode(outcome.result);
}

/** The exit status of a probe that ran: 1 when any check at warning or above fired, as `check`. */
export function probeExitCode(result: ProbeResult): number {
  const serious = result.models.some((m) =>
    m.findings.some((f) => f.severity === "error" || f.severity === "warning"),
  );
  return serious ? 1 : 0;
}
