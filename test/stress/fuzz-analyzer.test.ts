/**
 * Fuzzing the analysis pipeline: every fixture under random edits, and model files built
 * from random fragments, must analyse without throwing, within a bounded time, and give
 * findings whose ranges lie inside the text.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../server/src/analysis/analyze";
import { defaultConfig } from "../../server/src/config/effective";
import { initPython } from "../../server/src/frontends/python/parser";
import { fixtures, mutate, mutation, pythonModelFile } from "./corpus";

/** Generous for a shared 2-core CI machine; a fixture analyses in tens of milliseconds. */
const boundMs = 5_000;

function checkAnalysis(text: string, languageId: string): void {
  const started = performance.now();
  const result = analyze({
    uri: "file:///fuzz/model",
    text,
    languageId,
    config: defaultConfig(),
  });
  const elapsed = performance.now() - started;
  expect(elapsed).toBeLessThan(boundMs);

  const lines = text.split(/\r\n|\r|\n/).length;
  for (const finding of result.findings) {
    expect(finding.code).toMatch(/^IL\d{3}$/);
    expect(finding.range.start.line).toBeGreaterThanOrEqual(0);
    expect(finding.range.start.line).toBeLessThan(lines);
  }
}

beforeAll(async () => {
  await initPython();
});

describe("analyze() on mutated fixtures", () => {
  for (const fixture of fixtures()) {
    const name = fixture.file.split("test-fixtures/")[1];
    it(`survives random edits of ${name}`, () => {
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), (mutations) => {
          const text = mutations.reduce(mutate, fixture.text);
          checkAnalysis(text, fixture.languageId);
        }),
        { numRuns: 30 },
      );
    });
  }
});

describe("analyze() on generated model files", () => {
  it("survives Python model files assembled from random fragments", () => {
    fc.assert(
      fc.property(pythonModelFile, (text) => checkAnalysis(text, "python")),
      { numRuns: 150 },
    );
  });

  it("survives arbitrary Unicode text as every language", () => {
    const language = fc.constantFrom("python", "typescript", "javascript", "typescriptreact");
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), language, checkAnalysis),
      { numRuns: 150 },
    );
  });
});
