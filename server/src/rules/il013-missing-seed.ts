/**
 * IL013 missing-seed: a training script (a backward pass, an optimizer step or `fit`) that
 * builds a model, so draws its initial weights, without seeding the framework anywhere: two
 * runs start from different weights and cannot be compared. Files that do not train are
 * libraries and stay silent, even with a `__main__` smoke test that builds a model and runs
 * a forward pass; JAX passes its keys explicitly.
 */
import { torchFacts, type ScopeEvent, type TorchFacts } from "../frontends/python/facts";
import { classChain } from "../frontends/python/facts/queries";
import { lineIndent } from "../frontends/python/facts/spelling";
import type { Fix, Rule, RuleContext } from "./types";

const weightedTorch =
  /^torch\.nn\.(Linear|Bilinear|Conv|ConvTranspose|LazyLinear|Sequential|ModuleList|LSTM|GRU|RNN|Embedding|Transformer|MultiheadAttention)/;

/** Test modules seed through fixtures or do not care about the draw. */
const testFile = /(^|\/)(tests?\/|test_[^/]*\.py$|[^/]*_test\.py$|conftest\.py$)/;

/** True when the construction draws random weights: an in-file module, a torch layer. */
function drawsWeights(facts: TorchFacts, e: ScopeEvent): boolean {
  if (e.kind !== "construct" || e.className !== null || e.deferred) return false;
  const callee = e.callee ?? "";
  if (weightedTorch.test(callee)) return true;
  if (callee.startsWith("torchvision.models.")) {
    const start = e.range.start;
    return !facts.events.some(
      (x) => x.kind === "load" && x.range.start.line === start.line && x.scope === e.scope,
    );
  }
  const chain = classChain(facts, callee);
  return chain.some((c) => c.bases.some((b) => b.startsWith("torch.nn.")));
}

function seedFix(ctx: RuleContext, facts: TorchFacts, e: ScopeEvent): Fix[] {
  const torch = facts.aliases.torch;
  if (!torch) return [];
  const line = e.range.start.line;
  const newText = `${lineIndent(ctx.text, line)}${torch}.manual_seed(0)\n`;
  const at = { line, character: 0 };
  return [
    {
      title: `Seed torch before building the model (${torch}.manual_seed(0))`,
      safe: false,
      preferred: true,
      edits: [{ range: { start: at, end: at }, newText }],
    },
  ];
}

/** IL013: training scripts that draw initial weights without a seed. */
export const missingSeed: Rule = {
  meta: {
    code: "IL013",
    name: "missing-seed",
    summary: "A training script initialises weights without setting a seed.",
    defaultSeverity: "information",
    frameworks: ["pytorch"],
    fixable: true,
    oncePerFile: true,
  },
  check(ctx) {
    const facts = torchFacts(ctx.file);
    if (!facts || facts.script.seeds.length > 0 || testFile.test(ctx.file.uri)) return [];
    // A `__main__` block alone is often a library's smoke test: only training counts.
    if (!facts.script.trainingStep) return [];
    const built = facts.events.find((e) => drawsWeights(facts, e));
    if (!built) return [];
    return [
      {
        code: "IL013",
        severity: "information",
        message:
          "This training script initialises weights without a seed: every run starts from " +
          "different weights, so results cannot be reproduced or compared. Call " +
          "torch.manual_seed(...) before building the model.",
        range: built.range,
        fixes: seedFix(ctx, facts, built),
      },
    ];
  },
};
