/**
 * The server collects the young generation between edits, not inside them: driven over a
 * real stdio connection through forty keystrokes in a 2,000-line model file, it runs a forced
 * minor collection after nearly every publication (recorded by a preload in the server
 * process from Node's performance timeline), and its diagnostics stay those of the text.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { generateModelFile } from "../bench/generate";
import { typeAndDelete } from "../bench/lsp-figures";
import { TestClient } from "./lsp-client";

interface GcEntry {
  kind: string;
  forced: boolean;
  ms: number;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "initlint-idle-gc-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("collections between edits", () => {
  it("runs a minor collection after the edits it publishes", async () => {
    const log = path.join(work, "gc.json");
    const client = await TestClient.start({
      nodeArgs: ["-r", path.join(__dirname, "..", "helpers", "gc-recorder.cjs")],
      env: { INITLINT_TEST_GC_LOG: log },
    });
    const text = generateModelFile(2000, 7);
    const uri = pathToFileURL(path.join(work, "zoo.py")).href;
    const rows = text.split("\n");
    const line = rows.findIndex((l, i) => i > rows.length / 2 && l.includes("classes=10"));
    const at = rows[line]!.indexOf("classes=10") + "classes=10".length;
    const pair = typeAndDelete({ line, character: at, char: "0" });
    const edits = 40;
    // What a diagnostic says, without the version its `data` names.
    const said = (ds: Diagnostic[]) => ds.map(({ data: _, ...rest }) => rest);
    let first: unknown;
    let last: unknown;
    try {
      await client.open(uri, text);
      first = said(await client.diagnostics(uri, 1));
      for (let version = 2; version < edits + 2; version++) {
        await client.change(uri, version, [pair[version % 2]!]);
        last = said(await client.diagnostics(uri, version));
      }
    } finally {
      await client.stop();
    }
    // An even number of edits types and deletes the digit alike: the text is the opened one.
    expect(last).toEqual(first);
    const entries = JSON.parse(fs.readFileSync(log, "utf8")) as GcEntry[];
    const forcedMinor = entries.filter((e) => e.kind === "minor" && e.forced);
    // Each publication of a 2,000-line file leaves more than the 1 MB threshold behind.
    expect(forcedMinor.length).toBeGreaterThanOrEqual(edits * 0.75);
    expect(forcedMinor.length).toBeLessThanOrEqual(edits + 1);
  });
});
