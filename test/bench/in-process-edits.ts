/**
 * The one-character edit in process: what the server does for it (the document store's
 * change, the incremental analysis, the diagnostics and their JSON) without LSP, in a child
 * process with the server's V8 settings. Beside the LSP figures it shows how much of an
 * edit's latency is initlint's own work and how much the protocol, the two processes and the
 * machine add.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { pathToFileURL } from "node:url";
import { analyze } from "../../server/src/analysis/analyze";
import { defaultConfig } from "../../server/src/config/effective";
import { OpenDocument } from "../../server/src/documents/store";
import { initPython } from "../../server/src/frontends/python/parser";
import { toDiagnostic } from "../../server/src/providers/to-diagnostic";
import { applyServerV8Flags } from "../../server/src/v8-flags";
import { typeAndDelete, type CharEdit } from "./lsp-figures";
import { since } from "./stats";

/** The flag that makes `dist/bench.js` run `editsInProcessChild` with the JSON after it. */
export const inProcessFlag = "--edits-in-process";

interface Job {
  file: string;
  edit: CharEdit;
  count: number;
}

/** Child side: runs the job's edits and prints their milliseconds as JSON on stdout. */
export async function editsInProcessChild(json: string): Promise<void> {
  applyServerV8Flags();
  await initPython();
  const job = JSON.parse(json) as Job;
  const uri = pathToFileURL(job.file).href;
  const doc = new OpenDocument(uri, "python", 1, fs.readFileSync(job.file, "utf8"));
  const config = defaultConfig();
  const lint = () => {
    const result = analyze({
      uri,
      text: doc.text,
      languageId: "python",
      config,
      tree: doc.tree(),
      cache: doc.analysisCache,
      lineStarts: doc.lineStarts,
    });
    const { version } = doc;
    const diagnostics = result.findings.map((f, index) =>
      toDiagnostic(f, { uri, version, index }),
    );
    return JSON.stringify({ uri, version, diagnostics }).length;
  };
  lint();
  const pair = typeAndDelete(job.edit);
  const samples: number[] = [];
  for (let version = 2; version < job.count + 2; version++) {
    const start = performance.now();
    doc.applyChanges([pair[version % 2]!], version);
    lint();
    samples.push(since(start));
  }
  process.stdout.write(JSON.stringify(samples));
}

/**
 * Milliseconds of `count` edits of `file` in a fresh child process, the first ones included
 * (the caller slices the same windows as from the LSP figures).
 */
export function inProcessEditLatencies(
  bench: string,
  file: string,
  edit: CharEdit,
  count: number,
): Promise<number[]> {
  const job = JSON.stringify({ file, edit, count } satisfies Job);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [bench, inProcessFlag, job], (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as number[]);
    });
  });
}
