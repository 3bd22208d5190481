/**
 * Builds the inputs the extra-rule tests need from real source: a parsed PyTorch file with
 * its collected facts, and a file description to hand to a rule's check.
 */
import { defaultConfig } from "../../server/src/config/effective";
import type { PythonContext } from "../../server/src/frontends/python/context";
import { collectTorchFacts, type TorchFacts } from "../../server/src/frontends/python/facts";
import { collectImports } from "../../server/src/frontends/python/imports";
import { parsePython } from "../../server/src/frontends/python/parser";
import type { FileDescription, Model } from "../../server/src/model/types";
import type { Finding, Rule } from "../../server/src/rules/types";

/** Parses `text` and collects its torch facts. */
export function factsOf(text: string): TorchFacts {
  const tree = parsePython(text);
  const ctx: PythonContext = { tree, text, uri: "file:///t.py", imports: collectImports(tree) };
  return collectTorchFacts(ctx);
}

/** A PyTorch file description holding the facts of `text` and the given models. */
export function fileOf(text: string, models: Model[] = []): FileDescription {
  return {
    uri: "file:///t.py",
    language: "python",
    frameworks: ["pytorch"],
    models,
    initCalls: [],
    gainCalls: [],
    facts: { torch: factsOf(text) },
    notes: [],
    syntaxErrors: [],
  };
}

/** Runs one rule on `text` under the default options. */
export function check(rule: Rule, text: string, models: Model[] = []): Finding[] {
  const file = fileOf(text, models);
  return rule.check({ file, text, options: defaultConfig().options });
}

/** A finding as `line:character code severity`, 1-based like the fixture test's output. */
export function where(f: Finding): string {
  return `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code} ${f.severity}`;
}
