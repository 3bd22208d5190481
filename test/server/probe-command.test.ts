/**
 * The `initlint.probe` command over a real connection: the model at the cursor is probed in
 * a worker and the result arrives as `initlint/probeResult`, tagged with the document's URI.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "./lsp-client";

const file = path.join(
  __dirname,
  "..",
  "..",
  "test-fixtures",
  "suppressions",
  "unused_suppression.py",
);
let client: TestClient;

beforeAll(async () => {
  client = await TestClient.start({ settings: { probe: { backend: "cpu", batchSize: 64 } } });
});
afterAll(async () => {
  await client.stop();
});

describe("probe command", () => {
  it("probes the model at the position and notifies the result", async () => {
    const uri = pathToFileURL(file).href;
    await client.open(uri, fs.readFileSync(file, "utf8"));
    await client.diagnostics(uri, 1);
    const result = client.nextNotification("initlint/probeResult");
    await client.connection.sendRequest("workspace/executeCommand", {
      command: "initlint.probe",
      arguments: [{ uri, position: { line: 14, character: 10 } }],
    });
    const params = (await result) as {
      uri: string;
      batch: number;
      models: { name: string; layers: { id: string; kind: string; fanIn: number | null }[] }[];
    };
    expect(params.uri).toBe(uri);
    expect(params.batch).toBe(64);
    expect(params.models.map((m) => m.name)).toEqual(["MLPClassifier"]);
    const linear = params.models[0]!.layers.filter((l) => l.kind === "linear");
    expect(linear.map((l) => [l.id, l.fanIn])).toEqual([
      ["fc1", 784],
      ["fc2", 256],
      ["head", 256],
    ]);
  });
});
