/**
 * IL009 fragile-init-dispatch: init functions that choose modules by a class-name substring
 * (`classname.find("Conv") != -1`, `"Conv" in classname`) when a class of the same file also
 * contains it, typically a container such as `ConvBlock` with no `weight` of its own, and
 * `hasattr(m, "bias")` guards, which are true for `bias=False` layers whose bias is None.
 */
import {
  torchFacts,
  type ClassFact,
  type ClassNameTest,
  type TorchFacts,
} from "../frontends/python/facts";
import type { Finding, Rule, RuleContext } from "./types";
import { lineOf } from "../text/lines";

function matchesName(test: ClassNameTest, name: string): boolean {
  return test.mode === "prefix"
    ? name.startsWith(test.substring)
    : name.includes(test.substring);
}

/** In-file classes the test also selects that have no weight to initialise. */
function strayMatches(facts: TorchFacts, test: ClassNameTest): ClassFact[] {
  if (test.substring === "") return [];
  return facts.classes.filter((c) => {
    if (!matchesName(test, c.name) || c.ownsWeight) return false;
    // `class MyConv(nn.Conv2d)` inherits a weight, so the dispatch is right for it.
    const bases = c.bases.map((b) => b.split(".").pop() ?? b);
    return !bases.some((b) => matchesName(test, b));
  });
}

function nameFinding(facts: TorchFacts, test: ClassNameTest): Finding | null {
  const stray = strayMatches(facts, test);
  if (stray.length === 0) return null;
  const names = stray.map((c) => c.name).join(", ");
  return {
    code: "IL009",
    severity: "warning",
    message:
      `The class-name test for "${test.substring}" also matches ${names}, defined in this ` +
      "file without a weight of its own: the init then fails or touches the wrong module. " +
      "Dispatch with isinstance instead.",
    range: test.range,
    fixes: [],
    related: stray.map((c) => ({ range: c.nameRange, message: `${c.name} matches too` })),
  };
}

function quoteAt(ctx: RuleContext, line: number, from: number): string {
  const rest = lineOf(ctx.text, line).slice(from);
  return /["']/.exec(rest)?.[0] ?? '"';
}

/** IL009: class-name substring dispatch and hasattr bias checks that misfire. */
export const fragileInitDispatch: Rule = {
  meta: {
    code: "IL009",
    name: "fragile-init-dispatch",
    summary: "Class-name substring dispatch that matches other classes; hasattr(m, 'bias').",
    defaultSeverity: "warning",
    frameworks: ["pytorch"],
    fixable: true,
  },
  check(ctx) {
    const facts = torchFacts(ctx.file);
    if (!facts) return [];
    const findings = facts.classNameTests.flatMap((t) => nameFinding(facts, t) ?? []);
    for (const h of facts.hasattrBias) {
      const q = quoteAt(ctx, h.range.start.line, h.range.start.character);
      const newText = `getattr(${h.object}, ${q}bias${q}, None) is not None`;
      findings.push({
        code: "IL009",
        severity: "warning",
        message:
          `hasattr(${h.object}, "bias") is also true when the layer was built with ` +
          `bias=False (bias is None), and the init on ${h.object}.bias then fails.`,
        range: h.range,
        fixes: [
          {
            title: `Check ${h.object}.bias is not None`,
            safe: false,
            preferred: true,
            edits: [{ range: h.range, newText }],
          },
        ],
        related: [{ range: h.initRange, message: "the init that receives None" }],
      });
    }
    return findings;
  },
};
