/**
 * The probe in the editor over a real LSP connection: the command reports work-done
 * progress, notifies the whole result with the analytic prediction per row, and leaves
 * inlay hints, a hover and IL101 (with its LSUV fix) on the probed text until the document
 * changes; hints follow `initlint.inlayHints.enable`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InlayHint, MarkupContent, Range } from "vscode-languageserver-protocol";
import type { ProbeResultParams } from "../../server/src/protocol";
import { TestClient } from "./lsp-client";
import { ProbeUi } from "./probe-ui";

const file = path.join(__dirname, "../../test-fixtures/pytorch/mlp_xavier_deep_relu.py");
const uri = pathToFileURL(file).href;
const text = fs.readFileSync(file, "utf8");
const lines = text.split("\n");
const whole = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
const settings = { probe: { backend: "cpu", batchSize: 256 } };

let client: TestClient;
let ui: ProbeUi;

beforeAll(async () => {
  client = await TestClient.start({ settings, probeUi: true });
  ui = new ProbeUi(client);
  await client.open(uri, text);
  await client.diagnostics(uri, 1);
});
afterAll(async () => {
  await client.stop();
});

function codes(diagnostics: { code?: number | string; range: { start: { line: number } } }[]) {
  return diagnostics.map((d) => `${d.code}@${d.range.start.line}`);
}

function hintsAt(hints: InlayHint[]): [number, number, string][] {
  return hints.map((h) => [h.position.line, h.position.character, String(h.label)]);
}

describe("probe in the editor", () => {
  let result: ProbeResultParams;
  let il101: Range;

  it("reports progress and notifies the result with a prediction per row", async () => {
    const notified = client.nextNotification("initlint/probeResult");
    const published = ui.diagnosticsWith(uri, "IL101");
    await ui.probe({ uri });
    result = (await notified) as ProbeResultParams;

    const [begin, ...rest] = ui.progress.at(-1)!;
    expect(begin).toMatchObject({ kind: "begin", title: "initlint probe", cancellable: true });
    expect(begin!.message).toBe("DeepMLP");
    expect(rest.at(-1)).toEqual({ kind: "end" });
    const percentages = rest.flatMap((p) => (p.kind === "report" ? [p.percentage] : []));
    expect(percentages.length).toBeGreaterThan(0);
    expect(percentages).toEqual([...percentages].sort((a, b) => a! - b!));

    expect(result.uri).toBe(uri);
    expect(result.models.map((m) => m.name)).toEqual(["DeepMLP"]);
    const rows = result.models[0]!.layers;
    expect(rows.map((r) => [r.name, r.line])).toEqual([
      ["flatten@1", 29],
      ["input", 12],
      ...Array.from({ length: 10 }, (_, i) => [`hidden.${i}`, 13]),
      ["dropout", 15],
      ["head", 14],
    ]);
    // Xavier on 784 -> 256 under ReLU: Var = 2/(784+256) * 784 = 1.51 before, and the
    // variance after the ReLU is 1.51 * (1/2 - 1/(2π)) = 0.51; the probe measures the same.
    const input = rows[1]!;
    expect(input.predictedVar).toBeCloseTo(1.5077 * (0.5 - 1 / (2 * Math.PI)), 3);
    expect(input.outputVar! / input.predictedVar!).toBeGreaterThan(0.9);
    expect(input.outputVar! / input.predictedVar!).toBeLessThan(1.1);
    // The head is linear: its prediction is its second moment.
    expect(rows.at(-1)!.predictedVar).toBeCloseTo(rows.at(-1)!.preactVar!, 2);

    const diagnostics = await published;
    expect(codes(diagnostics)).toEqual(["IL001@19", "IL001@23", "IL101@13"]);
    expect(diagnostics.at(-1)!.severity).toBe(2);
    il101 = diagnostics.at(-1)!.range;
  });

  it("shows inlay hints at the end of each probed layer's line", async () => {
    expect(ui.refreshes).toBeGreaterThan(0);
    const hints = await ui.inlayHints(uri, whole);
    expect(hintsAt(hints).map(([line, character]) => [line, character])).toEqual(
      [12, 13, 14, 15, 29].map((line) => [line, lines[line]!.length]),
    );
    const labels = hints.map((h) => String(h.label));
    expect(labels[0]).toMatch(/^σ² 0\.5\d? · dead 0 %$/);
    // The ten hidden layers built in one loop share a line and one hint, first to last.
    expect(labels[1]).toMatch(/^σ² 0\.2\d? → [\d.]+e-4 · dead 0 → \d+ % \(10 layers\)$/);
    expect(labels[2]).toMatch(/^σ² [\d.e+-]+$/);

    const oneLine = { start: { line: 14, character: 0 }, end: { line: 14, character: 80 } };
    expect(hintsAt(await ui.inlayHints(uri, oneLine)).map(([line]) => line)).toEqual([14]);
  });

  it("adds the probe's numbers to the static hover", async () => {
    const hover = await client.hover(uri, 12, 26);
    const value = (hover!.contents as MarkupContent).value;
    expect(value).toContain("**input** `nn.Linear` (linear) in `DeepMLP`");
    expect(value).toContain("**Probe** of `input` (DeepMLP, cpu");
    expect(value).toMatch(/\| output mean, var \| [\d.e+-]+, [\d.e+-]+ \|/);
  });

  it("offers the LSUV fix on IL101", async () => {
    const actions = await client.codeActions(uri, il101);
    const lsuv = actions.find((a) => a.title.startsWith("Rescale the weights from the probe"));
    expect(lsuv?.diagnostics?.map((d) => d.code)).toEqual(["IL101"]);
    const edits = lsuv!.edit!.changes![uri]!;
    expect(edits.map((e) => lines[e.range.start.line]!.trim())).toEqual([
      "nn.init.xavier_uniform_(self.input.weight)",
      "nn.init.xavier_uniform_(layer.weight)",
    ]);
  });

  it("hides the hints when inlay hints are switched off", async () => {
    client.settings = { ...settings, inlayHints: { enable: false } };
    const relinted = client.nextDiagnostics(uri);
    await client.connection.sendNotification("workspace/didChangeConfiguration", {
      settings: null,
    });
    await relinted;
    expect(await ui.inlayHints(uri, whole)).toEqual([]);

    client.settings = settings;
    const back = client.nextDiagnostics(uri);
    await client.connection.sendNotification("workspace/didChangeConfiguration", {
      settings: null,
    });
    await back;
    expect(await ui.inlayHints(uri, whole)).toHaveLength(5);
  });

  it("drops hints, hover and probe diagnostics when the document changes", async () => {
    const edit = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    await client.change(uri, 2, [{ range: edit, text: "# retuned\n" }]);
    const diagnostics = await client.diagnostics(uri, 2);
    expect(codes(diagnostics)).toEqual(["IL001@20", "IL001@24"]);
    expect(await ui.inlayHints(uri, whole)).toEqual([]);
    const hover = await client.hover(uri, 13, 26);
    const value = (hover!.contents as MarkupContent).value;
    expect(value).toContain("**input** `nn.Linear`");
    expect(value).not.toContain("**Probe**");
  });
});

describe("probe failures and suppressions", () => {
  it("honours a suppression comment on a probe finding without calling it unused", async () => {
    const version = 3;
    const line = lines.findIndex((l) => l.includes("self.hidden = nn.ModuleList")) + 1;
    const comment = "  # initlint: ignore[IL101]";
    const end = { line, character: lines[line - 1]!.length };
    await client.change(uri, version, [{ range: { start: end, end }, text: comment }]);
    expect(codes(await client.diagnostics(uri, version))).toEqual(["IL001@20", "IL001@24"]);

    const notified = client.nextNotification("initlint/probeResult");
    await ui.probe({ uri, position: { line: 12, character: 8 } });
    const result = (await notified) as ProbeResultParams;
    expect(result.models[0]!.findings.map((f) => f.code)).toEqual(["IL101"]);
    const published = await client.nextDiagnostics(uri);
    expect(codes(published)).toEqual(["IL001@20", "IL001@24"]);
    expect((await ui.inlayHints(uri, whole)).length).toBe(5);
  });

  it("reports a timeout as a message and serves the next probe", async () => {
    client.settings = { probe: { backend: "cpu", batchSize: 65536, timeBudgetSeconds: 1 } };
    const relinted = client.nextDiagnostics(uri);
    await client.connection.sendNotification("workspace/didChangeConfiguration", {
      settings: null,
    });
    await relinted;
    const message = client.nextMessage();
    await ui.probe({ uri });
    expect(await message).toEqual({
      type: 2,
      message:
        "initlint: probe: probe stopped after 1 s; raise initlint.probe.timeBudgetSeconds " +
        "or lower initlint.probe.batchSize",
    });
    expect(ui.progress.at(-1)!.at(-1)).toEqual({ kind: "end" });

    client.settings = settings;
    const back = client.nextDiagnostics(uri);
    await client.connection.sendNotification("workspace/didChangeConfiguration", {
      settings: null,
    });
    await back;
    const notified = client.nextNotification("initlint/probeResult");
    await ui.probe({ uri });
    const result = (await notified) as ProbeResultParams;
    expect(result.batch).toBe(256);
  });

  it("stops a probe from the progress's cancel button, silently", async () => {
    let notified = false;
    void client.nextNotification("initlint/probeResult").then(() => (notified = true));
    const shown = client.messages.length;
    const begun = ui.nextBegin();
    const answered = ui.probe({ uri });
    await ui.cancel(await begun);
    await answered;
    expect(ui.progress.at(-1)!.at(-1)).toEqual({ kind: "end" });
    expect(notified).toBe(false);
    expect(client.messages.slice(shown)).toEqual([]);
  });

  it("keeps no line-bound results when the document changes during the probe", async () => {
    const begun = ui.nextBegin();
    const notified = client.nextNotification("initlint/probeResult");
    const answered = ui.probe({ uri });
    await begun;
    const start = { line: 0, character: 0 };
    await client.change(uri, 4, [{ range: { start, end: start }, text: "\n" }]);
    await answered;
    // The plot and the CodeLens still get the numbers; hints and diagnostics would be wrong.
    expect(((await notified) as ProbeResultParams).models[0]!.name).toBe("DeepMLP");
    expect(await ui.inlayHints(uri, whole)).toEqual([]);
    expect(codes(await client.diagnostics(uri, 4))).toEqual(["IL001@21", "IL001@25"]);
  });

  it("says so when the document has no model", async () => {
    const empty = pathToFileURL(path.join(path.dirname(file), "no_model_here.py")).href;
    await client.open(empty, "import torch\n\nx = torch.zeros(3)\n");
    await client.diagnostics(empty, 1);
    const message = client.nextMessage();
    await ui.probe({ uri: empty });
    expect(await message).toEqual({
      type: 3,
      message: "initlint: probe: no model in this file",
    });
  });
});
