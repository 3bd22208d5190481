/**
 * An initializer quick fix applied through a real LSP connection: the IL001 finding on the
 * first layer of a deep Xavier/ReLU stack offers a preferred fix, applying it removes that
 * finding, and the fixed text still parses.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TextEdit } from "vscode-languageserver-protocol";
import { initPython, parsePython } from "../../server/src/frontends/python/parser";
import { applyEdits } from "../helpers/edits";
import { TestClient } from "./lsp-client";

const fixture = path.join(
  __dirname,
  "..",
  "..",
  "test-fixtures",
  "pytorch",
  "mlp_xavier_deep_relu.py",
);
const text = fs.readFileSync(fixture, "utf8");
const uri = pathToFileURL(path.join(path.dirname(fixture), "copy_for_quick_fix.py")).href;

let client: TestClient;

beforeAll(async () => {
  await initPython();
  client = await TestClient.start();
});

afterAll(async () => {
  await client.stop();
});

it("applies the preferred IL001 fix, which removes its finding and keeps the file parsing", async () => {
  await client.open(uri, text);
  const before = (await client.diagnostics(uri, 1)).filter((d) => d.code === "IL001");
  expect(before.length).toBeGreaterThan(0);
  const target = before[0]!;

  const actions = await client.codeActions(uri, target.range);
  const fix = actions.find((a) => a.kind === "quickfix" && a.isPreferred);
  expect(fix?.title).toMatch(/kaiming/);
  const fixed = applyEdits(text, fix!.edit!.changes![uri] as TextEdit[]);
  expect(fixed).toContain('nonlinearity="relu"');
  expect(parsePython(fixed).rootNode.hasError).toBe(false);

  await client.change(uri, 2, [{ text: fixed }]);
  const after = (await client.diagnostics(uri, 2)).filter((d) => d.code === "IL001");
  const line = (d: { range: { start: { line: number } } }) => d.range.start.line;
  expect(after.map(line)).not.toContain(line(target));
  expect(after.length).toBe(before.length - 1);
});
