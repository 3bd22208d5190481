/**
 * Files `initlint check` skips instead of failing on: a corrupt notebook (invalid JSON, or
 * JSON without cells) and a non-UTF-8 script, in a walked folder and named on the command
 * line; each gets one `initlint: PATH: skipped: REASON` line and the exit status stays 0.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./run-cli";

const clean = path.join(repoRoot, "test-fixtures", "pytorch", "dcgan_weights_init_apply.py");
const invalidJson = /^initlint: broken\.ipynb: skipped: not notebook JSON \(.+\)$/;
const noCells = 'initlint: nocells.ipynb: skipped: not a notebook (no "cells" list)';
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "initlint-skip-"));
  fs.copyFileSync(clean, path.join(tmp, "model.py"));
  fs.writeFileSync(path.join(tmp, "broken.ipynb"), "{not json");
  fs.writeFileSync(path.join(tmp, "nocells.ipynb"), '{"metadata": {}, "nbformat": 4}\n');
  fs.writeFileSync(path.join(tmp, "latin1.py"), Buffer.from('name = "caf\xe9"\n', "latin1"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("skipped files", () => {
  it("skips corrupt notebooks in a walked folder and still exits 0", () => {
    const result = runCli(["check", "."], tmp);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(invalidJson);
    expect(lines.slice(1)).toEqual(["initlint: latin1.py: skipped: not UTF-8 text", noCells]);
    expect(result.stdout).toBe("No problems found in 1 file.\n");
    expect(result.status).toBe(0);
  });

  it("lists only the checked file in JSON", () => {
    const result = runCli(["check", "--format", "json", "."], tmp);
    expect(JSON.parse(result.stdout)).toEqual({
      files: [{ path: "model.py", diagnostics: [] }],
    });
    expect(result.status).toBe(0);
  });

  it("treats a named corrupt notebook like a named non-UTF-8 script: skipped, exit 0", () => {
    const notebook = runCli(["check", "nocells.ipynb"], tmp);
    expect(notebook.stderr).toBe(`${noCells}\n`);
    expect(notebook.status).toBe(0);
    const broken = runCli(["check", "broken.ipynb"], tmp);
    expect(broken.stderr.trimEnd()).toMatch(invalidJson);
    expect(broken.status).toBe(0);
    const script = runCli(["check", "latin1.py"], tmp);
    expect(script.stderr).toBe("initlint: latin1.py: skipped: not UTF-8 text\n");
    expect(script.status).toBe(0);
  });

  it("still reports the findings of the other files beside a skipped notebook", () => {
    const notebook = path.join(repoRoot, "test-fixtures", "notebooks", "pytorch-mlp.ipynb");
    fs.copyFileSync(notebook, path.join(tmp, "good.ipynb"));
    try {
      const result = runCli(["check", "."], tmp);
      expect(result.stdout.split("\n")[0]).toMatch(
        /^good\.ipynb:cell 4:7:9: IL011 \[warning\]/,
      );
      expect(result.stderr).toContain(noCells);
      expect(result.status).toBe(1);
    } finally {
      fs.rmSync(path.join(tmp, "good.ipynb"));
    }
  });
});
