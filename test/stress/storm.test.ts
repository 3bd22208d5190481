/**
 * A storm of 1,000 incremental edits sent within a second: the server must end on
 * diagnostics for the last version that equal a fresh analysis of the final text, and
 * publish nothing newer than what it was sent.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initPython } from "../../server/src/frontends/python/parser";
import type { BenchClient } from "../bench/lsp";
import { seededRandom } from "../bench/generate";
import { fixtures } from "./corpus";
import { diagnosticKey, freshKeys, positionAt, startServer } from "./server-client";

type Change = { range: { start: Pos; end: Pos }; text: string };
type Pos = { line: number; character: number };

let workspace: string;
let client: BenchClient;

beforeAll(async () => {
  await initPython();
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), "initlint-storm-"));
  client = await startServer(workspace);
});

afterAll(async () => {
  await client.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

/** Random small edits: characters typed at random places, short spans deleted. */
function randomEdits(
  text: string,
  count: number,
  seed: number,
): { changes: Change[]; final: string } {
  const random = seededRandom(seed);
  const alphabet = "abcdefghij_.()[],:= \n0123456789#'";
  const changes: Change[] = [];
  let current = text;
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random() * (current.length + 1));
    const deleting = random() < 0.4 && at < current.length;
    const end = deleting ? Math.min(current.length, at + 1 + Math.floor(random() * 3)) : at;
    const inserted = deleting ? "" : alphabet[Math.floor(random() * alphabet.length)]!;
    changes.push({
      range: { start: positionAt(current, at), end: positionAt(current, end) },
      text: inserted,
    });
    current = current.slice(0, at) + inserted + current.slice(end);
  }
  return { changes, final: current };
}

/** A new layer line typed character by character after line `line`, with backspaces. */
function typedLine(
  text: string,
  line: number,
  typed: string,
): { changes: Change[]; final: string } {
  const changes: Change[] = [];
  let current = text;
  let offset = 0;
  for (let i = 0; i <= line; i++) offset = current.indexOf("\n", offset) + 1;
  for (const char of typed) {
    const at = positionAt(current, offset);
    changes.push({ range: { start: at, end: at }, text: char });
    current = current.slice(0, offset) + char + current.slice(offset);
    offset++;
    if (char === " ") {
      // A typo and its backspace, as people type.
      const here = positionAt(current, offset);
      changes.push({ range: { start: here, end: here }, text: "x" });
      changes.push({
        range: { start: here, end: { line: here.line, character: here.character + 1 } },
        text: "",
      });
    }
  }
  return { changes, final: current };
}

async function storm(
  name: string,
  text: string,
  edits: { changes: Change[]; final: string },
  expectFindings = false,
) {
  const uri = `file://${path.join(workspace, name)}`;
  await client.open(uri, text);
  await client.diagnostics(uri, 1);

  const started = performance.now();
  const sent = edits.changes.map((change, i) => client.change(uri, i + 2, [change]));
  await Promise.all(sent);
  const sendMs = performance.now() - started;
  const last = edits.changes.length + 1;
  const diagnostics = await client.diagnostics(uri, last);

  const published = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
  expect(Math.max(...published)).toBe(last);
  expect(sendMs).toBeLessThan(1000);
  const expected = freshKeys(uri, edits.final).sort();
  if (expectFindings) expect(expected.length).toBeGreaterThan(0);
  expect(diagnostics.map(diagnosticKey).sort()).toEqual(expected);
}

describe("edit storm", () => {
  const pytorch = fixtures().filter(
    (f) => f.file.includes("/pytorch/") && f.languageId === "python",
  );

  it("1,000 random edits of a PyTorch fixture end on the final text's diagnostics", async () => {
    const fixture =
      pytorch.find((f) => f.file.endsWith("mlp_xavier_deep_relu.py")) ?? pytorch[0]!;
    await storm("random_storm.py", fixture.text, randomEdits(fixture.text, 1000, 11));
  });

  it("typing new layers character by character ends on the final text's diagnostics", async () => {
    const fixture =
      pytorch.find((f) => f.file.endsWith("mlp_xavier_deep_relu.py")) ?? pytorch[0]!;
    const lines = fixture.text.split("\n");
    const init = lines.findIndex((l) => l.includes("super().__init__()"));
    const layer = "        self.extra_layer = nn.Linear(512, 512)\n";
    const typed = typedLine(fixture.text, init, layer.repeat(14).slice(0, 700));
    expect(typed.changes.length).toBeGreaterThanOrEqual(700);
    await storm("typed_storm.py", fixture.text, typed, true);
  });
});
