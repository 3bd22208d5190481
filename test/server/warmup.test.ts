/**
 * The warm-up over a real stdio connection: once the editor is idle after the first document
 * with a model, the server analyses edits to a copy of it, logs that it did, publishes nothing
 * for the copy, and leaves the document itself as the client has it. Once per language
 * family; `initlint.warmUp.enable: false` turns it off.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { TestClient } from "./lsp-client";

const fixtures = path.join(__dirname, "..", "..", "test-fixtures");

function fixture(relative: string): { uri: string; text: string } {
  const file = path.join(fixtures, relative);
  return { uri: pathToFileURL(file).href, text: fs.readFileSync(file, "utf8") };
}

function located(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);
}

const isWarmup = (line: string) => line.startsWith("warm-up:");

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

describe("warm-up over LSP", () => {
  it("analyses a copy once idle, publishes nothing for it, and keeps the document", async () => {
    client = await TestClient.start();
    const relu = fixture("suppressions/deep_relu_suppressed.py");
    await client.open(relu.uri, relu.text);
    const first = located(await client.diagnostics(relu.uri, 1));
    expect(first.length).toBeGreaterThan(0);

    const line = await client.log(isWarmup);
    // 200 steps unless a loaded machine trips the time limits; the unit test counts them.
    expect(line).toMatch(
      /^warm-up: \d+ analys[ie]s of edits to deep_relu_suppressed\.py in \d+ ms$/,
    );
    expect(client.publishedUris()).toEqual([relu.uri]);
    expect(client.publishedVersions(relu.uri)).toEqual([1]);

    // The document is the client's: a comment added at its end changes no finding.
    const end = relu.text.split("\n").length - 1;
    const at = { line: end, character: 0 };
    await client.change(relu.uri, 2, [{ range: { start: at, end: at }, text: "# end\n" }]);
    expect(located(await client.diagnostics(relu.uri, 2))).toEqual(first);

    // Another Python file is not warmed on again; the first script file is.
    const other = fixture("pytorch/deep_mlp_xavier_loop.py");
    await client.open(other.uri, other.text);
    await client.diagnostics(other.uri, 1);
    const script = fixture("tfjs/mnist-cnn.ts");
    await client.open(script.uri, script.text, "typescript");
    await client.diagnostics(script.uri, 1);
    const scriptLine = await client.log((l) => isWarmup(l) && l.includes("mnist-cnn.ts"));
    expect(scriptLine).toMatch(
      /^warm-up: \d+ analys[ie]s of edits to mnist-cnn\.ts in \d+ ms$/,
    );
    expect(client.logs.filter(isWarmup)).toEqual([line, scriptLine]);
    expect(client.publishedUris().sort()).toEqual([relu.uri, other.uri, script.uri].sort());
  });

  it("does nothing when initlint.warmUp.enable is false", async () => {
    client = await TestClient.start({ settings: { warmUp: { enable: false } } });
    const relu = fixture("suppressions/deep_relu_suppressed.py");
    await client.open(relu.uri, relu.text);
    await client.diagnostics(relu.uri, 1);
    const script = fixture("tfjs/mnist-cnn.ts");
    await client.open(script.uri, script.text, "typescript");
    await client.diagnostics(script.uri, 1);
    // Each family says once that it stays cold; both lines come before any step could run.
    await client.log((l) => l.includes("none for script files"));
    expect(client.logs.filter(isWarmup)).toEqual([
      "warm-up: none for python files: initlint.warmUp.enable is false",
      "warm-up: none for script files: initlint.warmUp.enable is false",
    ]);
  });
});
