/**
 * The warm-up in process: which documents it takes (the first with a model per language
 * family), that it runs the steps it is given and says so, that edits hold it off until the
 * editor is idle, and that its time budget ends it early.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../server/src/analysis/analyze";
import { defaultConfig } from "../../server/src/config/effective";
import { initPython } from "../../server/src/frontends/python/parser";
import { editablePoints, Warmup, type WarmupSource } from "../../server/src/providers/warmup";

const fixtures = path.join(__dirname, "..", "..", "test-fixtures");
const config = defaultConfig();

function source(relative: string, languageId: string, text?: string): WarmupSource {
  const body = text ?? fs.readFileSync(path.join(fixtures, relative), "utf8");
  const uri = `file:///work/${path.basename(relative)}`;
  const { file } = analyze({ uri, text: body, languageId, config });
  return { uri, languageId, text: body, config, file };
}

/** A warm-up whose log lines are collected, and a promise of its next one. */
function logged(options: {
  steps: number;
  idleMs: number;
  budgetMs?: number;
  maxStepMs?: number;
}) {
  const lines: string[] = [];
  let wake: ((line: string) => void) | undefined;
  const warmup = new Warmup({
    ...options,
    log: (line) => {
      lines.push(line);
      wake?.(line);
    },
  });
  const next = () => new Promise<string>((resolve) => (wake = resolve));
  return { warmup, lines, next };
}

beforeAll(async () => {
  await initPython();
});

describe("warm-up", () => {
  it("takes the first document with a model of each language family, once", () => {
    const { warmup } = logged({ steps: 2, idleMs: 60_000 });
    const empty = source("empty.py", "python", "import torch\n\nx = torch.zeros(3)\n");
    expect(empty.file.models).toEqual([]);
    expect(warmup.offer(empty)).toBe(false);
    expect(warmup.wants("python")).toBe(true);

    expect(warmup.offer(source("pytorch/deep_mlp_xavier_loop.py", "python"))).toBe(true);
    expect(warmup.wants("python")).toBe(false);
    expect(warmup.offer(source("pytorch/deep_mlp_xavier_loop.py", "python"))).toBe(false);

    expect(warmup.wants("typescript")).toBe(true);
    expect(warmup.offer(source("tfjs/mnist-cnn.ts", "typescript"))).toBe(true);
    expect(warmup.wants("javascript")).toBe(false);
    expect(warmup.pending).toBe(true);
    warmup.dispose();
    expect(warmup.pending).toBe(false);
  });

  it("declines a disabled family at its first file with a model, not before", () => {
    const { warmup, lines } = logged({ steps: 2, idleMs: 60_000 });
    const empty = source("empty.py", "python", "import torch\n\nx = torch.zeros(3)\n");
    expect(warmup.offer(empty, false)).toBe(false);
    expect(lines).toEqual([]);
    expect(warmup.offer(source("pytorch/deep_mlp_xavier_loop.py", "python"), false)).toBe(
      false,
    );
    expect(lines).toEqual(["warm-up: none for python files: initlint.warmUp.enable is false"]);
    expect(warmup.wants("python")).toBe(false);
    expect(warmup.pending).toBe(false);
  });

  it("leaves a declined family cold and says so once", () => {
    const { warmup, lines } = logged({ steps: 2, idleMs: 60_000 });
    warmup.decline("python", "switched off");
    warmup.decline("python", "switched off");
    expect(lines).toEqual(["warm-up: none for python files: switched off"]);
    expect(warmup.offer(source("pytorch/deep_mlp_xavier_loop.py", "python"))).toBe(false);
    expect(warmup.pending).toBe(false);
  });

  it("types inside a call of each model, never at a line's end", () => {
    const python = source("pytorch/deep_mlp_xavier_loop.py", "python");
    const script = source("tfjs/mnist-cnn.ts", "typescript");
    for (const src of [python, script]) {
      const lines = src.text.split("\n");
      const points = editablePoints(src);
      expect(points.length).toBeGreaterThan(0);
      expect(points.length).toBeLessThanOrEqual(src.file.models.length);
      for (const p of points) {
        expect(lines[p.line]![p.character - 1]).toBe("(");
        const inModel = src.file.models.some(
          (m) => m.range.start.line <= p.line && p.line <= m.range.end.line,
        );
        expect(inModel).toBe(true);
      }
    }
  });

  it("runs its steps on a copy once idle and logs what it did", async () => {
    const { warmup, next } = logged({ steps: 6, idleMs: 0 });
    const python = source("pytorch/deep_mlp_xavier_loop.py", "python");
    const before = python.text;
    const done = next();
    warmup.offer(python);
    expect(await done).toMatch(
      /^warm-up: 6 analyses of edits to deep_mlp_xavier_loop\.py in \d+ ms$/,
    );
    expect(python.text).toBe(before);
    expect(warmup.pending).toBe(false);
  });

  it("waits while edits keep coming and starts once they stop", async () => {
    const { warmup, lines, next } = logged({ steps: 4, idleMs: 800 });
    warmup.activity();
    warmup.offer(source("pytorch/deep_mlp_xavier_loop.py", "python"));
    // An edit every 10 ms for 1.2 s: never 800 ms of quiet, so no step may run.
    const typing = setInterval(() => warmup.activity(), 10);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    clearInterval(typing);
    expect(lines).toEqual([]);
    expect(warmup.pending).toBe(true);
    expect(await next()).toMatch(/^warm-up: 4 analyses of edits/);
  });

  it("stops after a slow step once the first few are past", async () => {
    const { warmup, next } = logged({ steps: 1000, idleMs: 0, maxStepMs: 0 });
    const done = next();
    warmup.offer(source("pytorch/deep_mlp_xavier_loop.py", "python"));
    expect(await done).toMatch(/^warm-up: 6 analyses of edits to deep_mlp_xavier_loop\.py/);
  });

  it("stops at its time budget", async () => {
    const { warmup, next } = logged({ steps: 1000, idleMs: 0, budgetMs: 0 });
    const done = next();
    warmup.offer(source("tfjs/mnist-cnn.ts", "typescript"));
    expect(await done).toMatch(/^warm-up: 1 analysis of edits to mnist-cnn\.ts in \d+ ms$/);
  });
});
