/**
 * The incremental analysis against a fresh one, under the edits that move, copy and break
 * code: lines added and removed, blocks pasted and moved, text emptied, brackets left open,
 * in LF and CRLF files. After every edit the cached analysis of the document must give the
 * findings (fixes included) and the description a fresh analysis of its text gives.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../server/src/config/effective";
import { OpenDocument } from "../../server/src/documents/store";
import { initPython } from "../../server/src/frontends/python/parser";
import { seededRandom } from "../bench/generate";
import { randomEdit } from "./edits";
import { pythonFilesUnder, pythonFixtures } from "../helpers/fixture-files";
import { cachedAnalysis, freshAnalysis } from "../helpers/incremental";

// Longer hunts run locally, on other files too: DIFF_EDITS=200 DIFF_SEED=7 DIFF_DIR=~/models
// npx vitest run --config vitest.stress.config.ts test/stress/incremental-differential.test.ts
const EDITS_PER_FILE = Number(process.env["DIFF_EDITS"] ?? 24);
const SEED = Number(process.env["DIFF_SEED"] ?? 1000);
const config = defaultConfig();

function analyses(doc: OpenDocument) {
  return { incremental: cachedAnalysis(doc, config), fresh: freshAnalysis(doc, config) };
}

beforeAll(async () => {
  await initPython();
});

describe("incremental analysis under moving and breaking edits", () => {
  const dir = process.env["DIFF_DIR"];
  const files = dir ? pythonFilesUnder(dir) : pythonFixtures();
  files.forEach((file, index) => {
    const crlf = index % 3 === 0;
    const name = `${path.relative(path.join(__dirname, "..", ".."), file)}${crlf ? " (CRLF)" : ""}`;
    it(`equals a fresh analysis after every edit of ${name}`, () => {
      const random = seededRandom(SEED + index);
      const eol = crlf ? "\r\n" : "\n";
      const source = fs.readFileSync(file, "utf8").replace(/\r?\n/g, eol);
      const doc = new OpenDocument("file:///model.py", "python", 1, source);
      analyses(doc);
      for (let i = 0; i < EDITS_PER_FILE; i++) {
        const edit = randomEdit(random, doc.text.split("\n"), eol);
        doc.applyChanges([edit], i + 2);
        const { incremental, fresh } = analyses(doc);
        const where = `edit ${i + 1}: ${JSON.stringify(edit)}`;
        expect(incremental.findings, where).toEqual(fresh.findings);
        expect(incremental.file, where).toEqual(fresh.file);
      }
    });
  });
});
