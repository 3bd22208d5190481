/**
 * The rules' speed-ups change no answer: the indexed fact queries agree with the scanning
 * ones on every fixture, and findings of a cached analysis (components, merge and fact
 * indexes reused) equal those of a fresh analysis after random edits of every fixture.
 */
import * as fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { analyze, AnalysisCache } from "../server/src/analysis/analyze";
import { defaultConfig } from "../server/src/config/effective";
import { torchFacts } from "../server/src/frontends/python/facts";
import {
  classChain,
  hasForeignBase,
  methodOf,
  reachableMethods,
  subtreeTypes,
} from "../server/src/frontends/python/facts/queries";
import { initPython } from "../server/src/frontends/python/parser";
import {
  classChainOf,
  hasForeignBaseOf,
  methodOfClass,
  moduleFunction,
  reachableMethodsOf,
  subtreeTypesOf,
} from "../server/src/rules/fact-index";
import { generateModelFile, seededRandom } from "./bench/generate";
import { pythonFixtures } from "./helpers/fixture-files";

const config = defaultConfig();

function run(text: string, cache?: AnalysisCache) {
  return analyze({ uri: "file:///model.py", text, languageId: "python", config, cache });
}

beforeAll(async () => {
  await initPython();
});

describe("indexed fact queries", () => {
  it("answer as the scanning queries do on every fixture", () => {
    let checked = 0;
    for (const file of pythonFixtures()) {
      const facts = torchFacts(run(fs.readFileSync(file, "utf8")).file);
      if (!facts) continue;
      const classes = [...facts.classes.map((c) => c.name), "Missing", "torch.nn.Linear"];
      const methods = [...new Set([...facts.functions.map((f) => f.name), "nope"])];
      for (const name of classes) {
        const chain = classChain(facts, name);
        expect(classChainOf(facts, name), `${file} ${name}`).toEqual(chain);
        expect(hasForeignBaseOf(facts, chain)).toBe(hasForeignBase(facts, chain));
        expect(reachableMethodsOf(facts, name)).toEqual(reachableMethods(facts, name));
        expect(reachableMethodsOf(facts, name, ["forward"])).toEqual(
          reachableMethods(facts, name, ["forward"]),
        );
        expect(subtreeTypesOf(facts, name)).toEqual(subtreeTypes(facts, name));
        for (const m of methods) {
          expect(methodOfClass(facts, name, m), `${file} ${name}.${m}`).toBe(
            methodOf(facts, name, m),
          );
        }
        checked++;
      }
      for (const m of methods) {
        const scanned = facts.functions.find((f) => f.name === m && f.className === null);
        expect(moduleFunction(facts, m), `${file} ${m}`).toBe(scanned ?? null);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe("cached findings", () => {
  it("equal a fresh analysis after random edits of every fixture", () => {
    const random = seededRandom(23);
    const fragments = ["0", " ", "\n", "x", "(", "", "nn.init.zeros_(self.fc.weight)\n"];
    for (const file of pythonFixtures()) {
      let source = fs.readFileSync(file, "utf8");
      const cache = new AnalysisCache();
      expect(run(source, cache).findings, file).toEqual(run(source).findings);
      for (let i = 0; i < 5; i++) {
        const at = Math.floor(random() * source.length);
        const piece = fragments[Math.floor(random() * fragments.length)]!;
        source = source.slice(0, at) + piece + source.slice(at + (piece === "" ? 1 : 0));
        const cached = run(source, cache);
        expect(cached.findings, `${file} edit ${i}`).toEqual(run(source).findings);
        // The same text again reuses the whole merge and must answer the same.
        const again = run(source, cache);
        expect(cache.python.lastRun.described).toBe(0);
        expect(again.findings, `${file} edit ${i} again`).toEqual(cached.findings);
        expect(again.file.notes).toEqual(cached.file.notes);
      }
    }
  });

  it("follow an edit inside one class of a generated file and its undoing", () => {
    const text = generateModelFile(1_000, 3);
    const cache = new AnalysisCache();
    const first = run(text, cache);
    expect(first.findings.length).toBeGreaterThan(0);
    // Swapping a kaiming init for a zeros init changes what IL002 says about one class.
    const at = text.indexOf("nn.init.kaiming_normal_(m.weight, nonlinearity='relu')");
    expect(at).toBeGreaterThan(0);
    const edited = `${text.slice(0, at)}nn.init.zeros_(m.weight)${text.slice(
      at + "nn.init.kaiming_normal_(m.weight, nonlinearity='relu')".length,
    )}`;
    const after = run(edited, cache);
    expect(after.findings).toEqual(run(edited).findings);
    expect(after.findings.some((f) => f.code === "IL002")).toBe(true);
    expect(run(text, cache).findings).toEqual(first.findings);
  });
});
