/**
 * Compiles the keystroke path while the user reads the file they opened.
 *
 * V8 runs new code in its interpreter and compiles what gets hot, on the same cores as the
 * edits: in a freshly started server the first hundred keystrokes cost about twice what they
 * cost once that code is compiled (docs/benchmarks.md). So once per server process and
 * language family, after the first document with a model is analysed and when no edit or
 * open has come for `idleMs`, this types a space inside a call in each model of a private
 * copy of that document and deletes it again, analysing each step as a keystroke would and
 * throwing the result away. The copy is the user's text, so the code compiled is the code
 * their edits run (PyTorch, Keras or TensorFlow.js). One step runs per turn of the event
 * loop, so a message waits at most one step; an edit or open pauses the warm-up until the
 * editor is idle again. Nothing is published and the user's document is never touched.
 */
import { analyze } from "../analysis/analyze";
import { skipReason } from "../analysis/limits";
import type { EffectiveConfig } from "../config/effective";
import { OpenDocument } from "../documents/store";
import type { FileDescription } from "../model/types";
import { toDiagnostic } from "./to-diagnostic";

/** What the warm-up needs from the server. */
export interface WarmupDeps {
  /** Writes a line to the server's log (the editor's output channel). */
  log(message: string): void;
  /** Analyses run per language family: about what the first keystrokes need compiled. */
  steps?: number;
  /** Quiet time, in ms, after the last edit or open before a step runs. */
  idleMs?: number;
  /** Stops early past this much time spent in steps, in ms, on a slow machine or file. */
  budgetMs?: number;
  /**
   * Stops after a step longer than this, in ms, once the first few (which compile the most)
   * are past: a message that comes in during a step waits for it, and on a file this slow to
   * analyse that wait would be felt.
   */
  maxStepMs?: number;
}

/** An analysed document a warm-up may copy, with what it was analysed under. */
export interface WarmupSource {
  uri: string;
  languageId: string;
  text: string;
  config: EffectiveConfig;
  file: FileDescription;
}

/** Steps that may take longer than `maxStepMs`: the code they run is compiled then. */
const FIRST_STEPS = 5;

/** Python and the script languages run different front ends: each is warmed once. */
function familyOf(languageId: string): string {
  return languageId === "python" ? "python" : "script";
}

/** Where a step types: a line and a character. */
export interface Point {
  line: number;
  character: number;
}

/**
 * One place inside each model to type at: right after the first `(` of a line, inside a
 * call's brackets, where a space changes no token around it. Not at the end of a line: a
 * change next to the line break before a block's first or after its last statement makes
 * tree-sitter's Python grammar reparse to the end of the file (70 ms on 10,000 lines here),
 * which a keystroke in a call's arguments never costs. The middle such line of each model,
 * so the steps spread over the file's models.
 */
export function editablePoints(source: WarmupSource): Point[] {
  const lines = source.text.split("\n");
  const points: Point[] = [];
  for (const model of source.file.models) {
    const candidates: Point[] = [];
    const last = Math.min(model.range.end.line, lines.length - 1);
    for (let line = model.range.start.line; line <= last; line++) {
      const bracket = lines[line]!.indexOf("(");
      if (bracket >= 0) candidates.push({ line, character: bracket + 1 });
    }
    const middle = candidates[Math.floor(candidates.length / 2)];
    if (middle && !points.some((p) => p.line === middle.line)) points.push(middle);
  }
  return points;
}

interface Run {
  copy: OpenDocument;
  source: WarmupSource;
  points: Point[];
  done: number;
  spentMs: number;
}

/** Warms each front end's keystroke path once, in idle time. */
export class Warmup {
  private readonly started = new Set<string>();
  private readonly queue: Run[] = [];
  private lastActivity = 0;
  private timer: NodeJS.Timeout | undefined;
  private stepping = false;
  private readonly steps: number;
  private readonly idleMs: number;
  private readonly budgetMs: number;
  private readonly maxStepMs: number;

  constructor(private readonly deps: WarmupDeps) {
    this.steps = deps.steps ?? 200;
    this.idleMs = deps.idleMs ?? 250;
    this.budgetMs = deps.budgetMs ?? 3000;
    this.maxStepMs = deps.maxStepMs ?? 50;
  }

  /** True while no document of this language's family has been taken. */
  wants(languageId: string): boolean {
    return !this.started.has(familyOf(languageId));
  }

  /**
   * Offers an analysed document: the first with a model in its language family is copied and
   * warmed on once the editor is idle, or, when not `enabled`, declined with a log line.
   * Returns true when this one was taken.
   */
  offer(source: WarmupSource, enabled = true): boolean {
    const family = familyOf(source.languageId);
    if (this.started.has(family)) return false;
    if (source.file.models.length === 0 || skipReason(source.text)) return false;
    if (!enabled) {
      this.decline(source.languageId, "initlint.warmUp.enable is false");
      return false;
    }
    const points = editablePoints(source);
    if (points.length === 0) return false;
    this.started.add(family);
    const copy = new OpenDocument(source.uri, source.languageId, 1, source.text);
    this.queue.push({ copy, source, points, done: 0, spentMs: 0 });
    this.arm();
    return true;
  }

  /** Leaves a language family cold, saying why once. */
  decline(languageId: string, why: string): void {
    const family = familyOf(languageId);
    if (this.started.has(family)) return;
    this.started.add(family);
    this.deps.log(`warm-up: none for ${family} files: ${why}`);
  }

  /** An edit or open came in: steps wait until the editor has been idle for `idleMs`. */
  activity(): void {
    this.lastActivity = performance.now();
  }

  /** True while a warm-up is queued or running. */
  get pending(): boolean {
    return this.queue.length > 0;
  }

  /** Drops what is queued (the server is shutting down). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const run of this.queue.splice(0)) run.copy.dispose();
  }

  private arm(): void {
    if (this.timer || this.stepping || this.queue.length === 0) return;
    const wait = Math.max(0, this.lastActivity + this.idleMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.next();
    }, wait);
    // A pending warm-up never keeps the process alive.
    this.timer.unref();
  }

  private next(): void {
    const run = this.queue[0];
    if (!run) {
      this.stepping = false;
      return;
    }
    if (performance.now() - this.lastActivity < this.idleMs) {
      this.stepping = false;
      this.arm();
      return;
    }
    this.stepping = true;
    const began = performance.now();
    try {
      this.step(run);
    } catch (err) {
      // A copy that fails to analyse ends its warm-up; the user's own lints report failures.
      this.deps.log(`warm-up: stopped: ${err instanceof Error ? err.message : String(err)}`);
      run.done = this.steps;
    }
    const took = performance.now() - began;
    run.spentMs += took;
    const tooSlow = run.done > FIRST_STEPS && took > this.maxStepMs;
    if (run.done >= this.steps || run.spentMs > this.budgetMs || tooSlow) {
      this.queue.shift();
      run.copy.dispose();
      const name = run.source.uri.slice(run.source.uri.lastIndexOf("/") + 1);
      const analyses = `${run.done} ${run.done === 1 ? "analysis" : "analyses"}`;
      this.deps.log(`warm-up: ${analyses} of edits to ${name} in ${run.spentMs.toFixed(0)} ms`);
    }
    setImmediate(() => this.next());
  }

  /** Types a space inside a model's call, or deletes it again, and analyses the copy. */
  private step(run: Run): void {
    const { copy, points, source } = run;
    const at = points[Math.floor(run.done / 2) % points.length]!;
    const after = { line: at.line, character: at.character + 1 };
    const change =
      run.done % 2 === 0
        ? { range: { start: at, end: at }, text: " " }
        : { range: { start: at, end: after }, text: "" };
    copy.applyChanges([change], copy.version + 1);
    const result = analyze({
      uri: copy.uri,
      text: copy.text,
      languageId: copy.languageId,
      config: source.config,
      tree: copy.tree(),
      cache: copy.analysisCache,
      lineStarts: copy.lineStarts,
    });
    const { uri, version } = copy;
    result.findings.forEach((finding, index) => toDiagnostic(finding, { uri, version, index }));
    run.done++;
  }
}
