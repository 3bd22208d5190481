/**
 * The server under hostile documents: huge files, one enormous line, binary and non-UTF-8
 * content, expressions nested thousands deep, and fuzzed fixtures. It must answer each
 * version, publish nothing for a skipped file (logging the reason once), stay within a
 * memory bound, and keep serving afterwards.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initPython } from "../../server/src/frontends/python/parser";
import { generateModelFile } from "../bench/generate";
import type { BenchClient } from "../bench/lsp";
import { fixtures, mutate, mutation } from "./corpus";
import { diagnosticKey, freshKeys, residentMb, startServer } from "./server-client";

let workspace: string;
let client: BenchClient;
let counter = 0;

function uriFor(name: string): string {
  counter++;
  return `file://${path.join(workspace, `${counter}_${name}`)}`;
}

function skipLogs(uri: string): string[] {
  return client.logs
    .map((l) => l.message)
    .filter((m) => m.includes(uri) && m.includes("skipped"));
}

beforeAll(async () => {
  await initPython();
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), "initlint-limits-"));
  client = await startServer(workspace);
});

afterAll(async () => {
  await client.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

/** Opens `text`, edits it twice more, and returns each version's diagnostics and the time. */
async function openAndEdit(uri: string, text: string, languageId = "python") {
  const started = performance.now();
  await client.open(uri, text, languageId);
  const first = await client.diagnostics(uri, 1);
  const end = { line: 0, character: 0 };
  await client.change(uri, 2, [{ range: { start: end, end }, text: "#" }]);
  const second = await client.diagnostics(uri, 2);
  await client.change(uri, 3, [
    { range: { start: end, end: { line: 0, character: 1 } }, text: "" },
  ]);
  const third = await client.diagnostics(uri, 3);
  return { diagnostics: [first, second, third], ms: performance.now() - started };
}

describe("oversized and odd documents", () => {
  const skipped: [string, () => string][] = [
    ["a 5 MB model file", () => generateModelFile(140_000)],
    ["a file of one 1 MB line", () => `import torch\nweights = [${"0.5, ".repeat(200_000)}]\n`],
    [
      "a binary file",
      () =>
        Array.from({ length: 100_000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join(
          "",
        ),
    ],
  ];
  for (const [name, make] of skipped) {
    it(`skips ${name}: no diagnostics, the reason logged once, memory bounded`, async () => {
      const text = make();
      const uri = uriFor("big.py");
      const { diagnostics, ms } = await openAndEdit(uri, text);
      expect(diagnostics).toEqual([[], [], []]);
      expect(ms).toBeLessThan(20_000);
      const logs = skipLogs(uri);
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatch(
        /skipped: (file is \d+\.\d MB|a line of \d+ characters|binary file)/,
      );
      expect(residentMb(client.child.pid!)).toBeLessThan(1024);
    });
  }

  it("analyses non-UTF-8 bytes decoded as the editor would (replacement characters)", async () => {
    const latin1 = Buffer.from(
      "# Mod\u00e8le \u00e9crit en Latin-1\nimport torch.nn as nn\n",
      "latin1",
    );
    const text = latin1.toString("utf8") + generateModelFile(200, 5);
    const uri = uriFor("latin1.py");
    const { diagnostics } = await openAndEdit(uri, text);
    expect(text).toContain("\ufffd");
    expect(diagnostics[2]!.map(diagnosticKey).sort()).toEqual(freshKeys(uri, text).sort());
    expect(diagnostics[2]!.length).toBeGreaterThan(0);
  });

  const tfjs = 'import * as tf from "@tensorflow/tfjs";\n';
  const deep = (open: string, inner: string, close: string, n: number) =>
    open.repeat(n) + inner + close.repeat(n);
  const nested: [string, string, string][] = [
    [
      "Python parentheses",
      "python",
      `import torch.nn as nn\nx = ${deep("(", "1", ")", 5000)}\n`,
    ],
    [
      "Python calls",
      "python",
      `import torch.nn as nn\nm = ${deep("nn.Sequential(", "nn.Linear(4, 4)", ")", 3000)}\n`,
    ],
    [
      "Python binary operators",
      "python",
      `import torch\nx = ${Array(20_000).fill("1").join(" + ")}\n`,
    ],
    [
      "TypeScript parentheses",
      "typescript",
      `${tfjs}const x = ${deep("(", "1", ")", 5000)};\n`,
    ],
    [
      "TypeScript calls",
      "typescript",
      `${tfjs}const m = tf.sequential();\nm.add(${deep("tf.layers.dense(", "{ units: 1 }", ")", 2000)});\n`,
    ],
  ];
  for (const [name, languageId, text] of nested) {
    it(`answers every version of ${name} nested thousands deep`, async () => {
      const uri = uriFor(languageId === "python" ? "deep.py" : "deep.ts");
      const { diagnostics, ms } = await openAndEdit(uri, text, languageId);
      expect(diagnostics).toHaveLength(3);
      expect(ms).toBeLessThan(20_000);
      const failures = client.logs.filter((l) => l.type === 1 && l.message.includes(uri));
      expect(failures).toEqual([]);
    });
  }
});

describe("fuzzed fixtures through the server", () => {
  it("publishes each version of mutated fixtures, as a fresh analysis would", async () => {
    const all = fixtures();
    const samples = fc.sample(
      fc.array(mutation, { minLength: 1, maxLength: 6 }),
      all.length * 2,
    );
    for (const [i, mutations] of samples.entries()) {
      const fixture = all[i % all.length]!;
      const text = mutations.reduce(mutate, fixture.text);
      const uri = uriFor(path.basename(fixture.file));
      await client.open(uri, text, fixture.languageId);
      const published = await client.diagnostics(uri, 1);
      const expected = freshKeys(uri, text, fixture.languageId).sort();
      expect(published.map(diagnosticKey).sort()).toEqual(expected);
      await client.close(uri);
    }
    const errors = client.logs.filter((l) => l.type === 1);
    expect(errors).toEqual([]);
    expect(await client.roundTrip()).toBeNull();
  });
});
