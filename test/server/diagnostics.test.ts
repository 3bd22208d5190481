/**
 * The server over a real stdio connection: diagnostics on open, their LSP fields, incremental
 * edits that move them, a quick fix applied and its diagnostic gone, documentation command,
 * source.fixAll, hover, and an analysis that must never kill the server.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TextEdit } from "vscode-languageserver-protocol";
import { applyEdits } from "../helpers/edits";
import { TestClient } from "./lsp-client";

const fixture = path.join(
  __dirname,
  "..",
  "..",
  "test-fixtures",
  "suppressions",
  "unused_suppression.py",
);
const text = fs.readFileSync(fixture, "utf8");
const docsRoot = pathToFileURL(path.join(__dirname, "..", "..", "docs", "rules")).href;

let client: TestClient;
let counter = 0;
function freshUri(): string {
  counter++;
  return pathToFileURL(
    path.join(path.dirname(fixture), `copy_${counter}_unused_suppression.py`),
  ).href;
}

beforeAll(async () => {
  client = await TestClient.start();
});

afterAll(async () => {
  await client.stop();
});

describe("diagnostics", () => {
  it("publishes the fixture's unused suppression with code, source, link and data", async () => {
    const uri = freshUri();
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri, 1);
    const unused = diagnostics.find((d) => d.code === "IL100");
    expect(unused).toMatchObject({
      source: "initlint",
      severity: 4,
      range: { start: { line: 21, character: 8 }, end: { line: 21, character: 33 } },
      codeDescription: { href: `${docsRoot}/IL100.md` },
      tags: [1],
      data: { version: 1, index: expect.any(Number) },
    });
    expect(unused!.message).toContain("IL001");
  });

  it("follows incremental edits and publishes only the latest version", async () => {
    const uri = freshUri();
    await client.open(uri, text);
    await client.diagnostics(uri, 1);
    // Three fast edits: two blank lines inserted at the top, then one of them removed.
    const top = { line: 0, character: 0 };
    await client.change(uri, 2, [{ range: { start: top, end: top }, text: "\n" }]);
    await client.change(uri, 3, [{ range: { start: top, end: top }, text: "\n" }]);
    await client.change(uri, 4, [
      { range: { start: top, end: { line: 1, character: 0 } }, text: "" },
    ]);
    const latest = await client.diagnostics(uri, 4);
    const unused = latest.find((d) => d.code === "IL100");
    expect(unused?.range.start).toEqual({ line: 22, character: 8 });

    const versions = client.publishedVersions(uri);
    expect(versions[versions.length - 1]).toBe(4);
    expect([...versions].sort()).toEqual(versions);
  });

  it("keeps the tree in step with edits inside a line", async () => {
    const uri = freshUri();
    await client.open(uri, text);
    await client.diagnostics(uri, 1);
    // Turn the suppression into one for IL100's own line by editing its code list in place.
    await client.change(uri, 2, [
      {
        range: { start: { line: 21, character: 27 }, end: { line: 21, character: 32 } },
        text: "IL003, IL004",
      },
    ]);
    const after = await client.diagnostics(uri, 2);
    const unused = after.filter((d) => d.code === "IL100");
    expect(unused.map((d) => d.message)).toEqual([
      "Unused suppression: no IL003, IL004 finding here to silence.",
    ]);
  });
});

describe("code actions", () => {
  it("offers the preferred fix, which removes the diagnostic once applied", async () => {
    const uri = freshUri();
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri, 1);
    const unused = diagnostics.find((d) => d.code === "IL100")!;

    const actions = await client.codeActions(uri, unused.range);
    const titles = actions.map((a) => a.title);
    expect(titles).toContain("Remove unused suppression");
    expect(titles).toContain("Show documentation for IL100");
    const fix = actions.find((a) => a.title === "Remove unused suppression")!;
    expect(fix).toMatchObject({ kind: "quickfix", isPreferred: true });

    const edits = fix.edit!.changes![uri] as TextEdit[];
    const fixed = applyEdits(text, edits);
    expect(fixed).not.toContain("initlint: ignore");
    expect(fixed.split("\n").length).toBe(text.split("\n").length - 1);

    await client.change(uri, 2, [{ text: fixed }]);
    const after = await client.diagnostics(uri, 2);
    expect(after.filter((d) => d.code === "IL100")).toEqual([]);
  });

  it("opens the rule's page through window/showDocument", async () => {
    const uri = freshUri();
    await client.open(uri, text);
    const unused = (await client.diagnostics(uri, 1)).find((d) => d.code === "IL100")!;
    const actions = await client.codeActions(uri, unused.range);
    const docs = actions.find((a) => a.title === "Show documentation for IL100")!;
    await client.connection.sendRequest("workspace/executeCommand", docs.command);
    expect(client.shownDocuments).toContain(`${docsRoot}/IL100.md`);
  });

  it("answers source.fixAll.initlint with the file's safe fixes only", async () => {
    const uri = freshUri();
    await client.open(uri, text);
    await client.diagnostics(uri, 1);
    const whole = { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } };
    const actions = await client.codeActions(uri, whole, ["source.fixAll.initlint"]);
    expect(actions.map((a) => a.kind)).toEqual(["source.fixAll.initlint"]);
    const fixed = applyEdits(text, actions[0]!.edit!.changes![uri] as TextEdit[]);
    expect(fixed).not.toContain("initlint: ignore");

    const none = await client.codeActions(uri, whole, ["refactor"]);
    expect(none).toEqual([]);
  });
});

describe("robustness", () => {
  it("survives binary garbage and unknown documents", async () => {
    const uri = freshUri();
    await client.open(uri, "\u0000\uffff def (((: \n\t\t# initlint: ignore[\n'''");
    const diagnostics = await client.diagnostics(uri, 1);
    // Nothing in the garbage is readable, so nothing is reported, and the server answers on.
    expect(diagnostics).toEqual([]);
    const hover = await client.hover("file:///nowhere.py", 0, 0);
    expect(hover).toBeNull();
    const actions = await client.codeActions("file:///nowhere.py", {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 0 },
    });
    expect(actions).toEqual([]);
  });
});
