/**
 * Hovers and notebooks over a real connection: the hover on a layer shows its initializer,
 * Var(W), fans and predicted variance; a notebook's findings land on their cells, a fix edits
 * the cell, and the cell's diagnostic goes away.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MarkupContent, TextEdit } from "vscode-languageserver-protocol";
import { applyEdits } from "../helpers/edits";
import { TestClient } from "./lsp-client";

const fixtures = path.join(__dirname, "..", "..", "test-fixtures");
let client: TestClient;

beforeAll(async () => {
  client = await TestClient.start();
});
afterAll(async () => {
  await client.stop();
});

describe("hover", () => {
  it("describes the layer under the cursor with numbers from the knowledge core", async () => {
    const file = path.join(fixtures, "suppressions", "unused_suppression.py");
    const uri = pathToFileURL(file).href;
    await client.open(uri, fs.readFileSync(file, "utf8"));
    await client.diagnostics(uri, 1);

    // `self.fc2 = nn.Linear(hidden, hidden)`, on the constructor call.
    const hover = await client.hover(uri, 14, 22);
    const text = (hover!.contents as MarkupContent).value;
    expect(text).toContain("**fc2** `nn.Linear` (linear)");
    expect(text).toContain(
      "**weight**: He (`nn.init.kaiming_normal_`) · Var(W) = 0.00781 · fan_in 256, fan_out 256",
    );
    expect(text).toContain("Feeds: ReLU");
    expect(text).toMatch(/Predicted variance at layer 2 of 3 \(unit-variance input\): [\d.]+/);

    // On the init call of fc1, the hover is about fc1.
    const onInit = await client.hover(uri, 19, 12);
    expect((onInit!.contents as MarkupContent).value).toContain("**fc1** `nn.Linear`");

    expect(await client.hover(uri, 0, 1)).toBeNull();
  });
});

describe("notebooks", () => {
  it("publishes findings on their cell, fixes them in the cell, and clears them", async () => {
    const file = path.join(fixtures, "notebooks", "pytorch-mlp.ipynb");
    const json = JSON.parse(fs.readFileSync(file, "utf8")) as {
      cells: { cell_type: string; source: string[] | string }[];
    };
    const uri = pathToFileURL(file).href;
    const cellUri = (i: number) => `vscode-notebook-cell:${file}#cell${i}`;
    const texts = json.cells.map((c) =>
      Array.isArray(c.source) ? c.source.join("") : c.source,
    );

    await client.connection.sendNotification("notebookDocument/didOpen", {
      notebookDocument: {
        uri,
        notebookType: "jupyter-notebook",
        version: 1,
        cells: json.cells.map((c, i) => ({
          kind: c.cell_type === "code" ? 2 : 1,
          document: cellUri(i),
        })),
      },
      cellTextDocuments: json.cells.map((c, i) => ({
        uri: cellUri(i),
        languageId: c.cell_type === "code" ? "python" : "markdown",
        version: 1,
        text: texts[i],
      })),
    });
    const diagnostics = await client.diagnostics(cellUri(3), 1);
    expect(diagnostics.map((d) => [d.code, d.range.start])).toEqual([
      ["IL011", { line: 6, character: 8 }],
    ]);
    expect(await client.diagnostics(cellUri(1), 1)).toEqual([]);

    const actions = await client.codeActions(cellUri(3), diagnostics[0]!.range);
    const rename = actions.find((a) => a.title === "Rename to kaiming_normal_")!;
    const edits = rename.edit!.changes![cellUri(3)] as TextEdit[];
    expect(edits).toHaveLength(1);
    const fixed = applyEdits(texts[3]!, edits);
    expect(fixed).toContain("nn.init.kaiming_normal_(self.fc1.weight");

    const hover = await client.hover(cellUri(3), 3, 20);
    expect((hover!.contents as MarkupContent).value).toContain("**fc1** `nn.Linear`");
    expect(hover!.range!.start.line).toBe(3);

    await client.connection.sendNotification("notebookDocument/didChange", {
      notebookDocument: { uri, version: 2 },
      change: {
        cells: {
          textContent: [
            { document: { uri: cellUri(3), version: 2 }, changes: [{ text: fixed }] },
          ],
        },
      },
    });
    expect(await client.diagnostics(cellUri(3), 2)).toEqual([]);
  });
});
