/**
 * Startup over a real stdio connection: documents opened or changed while the Python parser
 * is still loading (right after `initialized`, or before the initialize response) are linted
 * once it has loaded, with their real diagnostics, never published empty first.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { TestClient } from "./lsp-client";

const fixture = path.join(
  __dirname,
  "..",
  "..",
  "test-fixtures",
  "suppressions",
  "deep_relu_suppressed.py",
);
const text = fs.readFileSync(fixture, "utf8");
const uri = pathToFileURL(fixture).href;

/** The fixture's findings as `code@line:character` (0-based), in publication order. */
function located(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);
}
const expected = ["IL100@28:38", "IL001@36:12", "IL001@39:12"];

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

function noEarlyParse(c: TestClient): void {
  expect(c.stderr.join("")).not.toContain("parser used before initPython()");
}

describe("startup", () => {
  it("lints a document opened immediately after initialized", async () => {
    client = await TestClient.start();
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri, 1);
    expect(located(diagnostics).sort()).toEqual([...expected].sort());
    expect(client.publishedVersions(uri)).toEqual([1]);
    noEarlyParse(client);
  });

  it("lints a document opened and changed before the initialize response", async () => {
    client = await TestClient.start({
      beforeInitializeResponse: async (c) => {
        await c.open(uri, "import torch\n");
        await c.change(uri, 2, [{ text }]);
      },
    });
    const diagnostics = await client.diagnostics(uri, 2);
    expect(located(diagnostics).sort()).toEqual([...expected].sort());
    // The early version was superseded before any lint ran; nothing empty went out.
    expect(client.publishedVersions(uri)).toEqual([2]);
    noEarlyParse(client);
  });
});
