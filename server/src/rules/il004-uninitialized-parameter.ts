/**
 * IL004 uninitialized-parameter: `nn.Parameter(torch.empty(...))`, `torch.Tensor(n, m)` and
 * their kin allocate memory without setting it. Unless an init reaches the attribute (in a
 * method that runs from the constructor, through a view such as `.data`, or from code that
 * names the attribute on another object), the parameter starts as whatever the memory held.
 */
import { torchFacts, type TorchFacts, type UninitParam } from "../frontends/python/facts";
import { initPrefix, lineAfter } from "../frontends/python/facts/spelling";
import { isUnder } from "../frontends/python/facts/syntax";
import { classChainOf, factIndex, reachableMethodsOf } from "./fact-index";
import type { Finding, Fix, Rule, RuleContext } from "./types";

/** A base from another file that is not a torch layer may initialise anything itself. */
function foreignModelBase(facts: TorchFacts, className: string): boolean {
  const local = factIndex(facts).localClasses;
  const bases = classChainOf(facts, className).flatMap((c) => c.bases);
  return bases.some((b) => !local.has(b) && !b.startsWith("torch.") && b !== "object");
}

function covered(facts: TorchFacts, p: UninitParam): boolean {
  if (foreignModelBase(facts, p.className)) return true;
  const own = `self.${p.attr}`;
  const chain = new Set(classChainOf(facts, p.className).map((c) => c.name));
  const reachable = reachableMethodsOf(facts, p.className, [p.method]);
  return factIndex(facts).initEvents.some((e) => {
    const method = e.scope.split(".").pop() ?? "";
    if (e.className !== null && chain.has(e.className) && reachable.has(method)) {
      if (isUnder(e.target, own)) return true;
      if (e.target === "self" && e.initKind === "loop") return true;
    }
    // Code elsewhere that names the attribute (`m.pos_embed`, `model.enc.w`) reaches it too.
    return e.target !== own && e.target.endsWith(`.${p.attr}`);
  });
}

/** A line that sets the parameter: fan-based for matrices, a neutral value for vectors. */
function initLine(p: UninitParam, prefix: string): string {
  const target = `self.${p.attr}`;
  if (p.dims !== null && p.dims >= 2) return `${prefix}xavier_uniform_(${target})`;
  if (p.dims === 1 && /bias|beta|shift|offset/i.test(p.attr))
    return `${prefix}zeros_(${target})`;
  if (p.dims === 1 && /scale|gamma/i.test(p.attr)) return `${prefix}ones_(${target})`;
  return `${prefix}normal_(${target}, std=0.02)`;
}

function fixFor(ctx: RuleContext, facts: TorchFacts, p: UninitParam): Fix[] {
  const prefix = initPrefix(facts.aliases);
  if (!prefix) return [];
  const line = initLine(p, prefix);
  const at = lineAfter(ctx.text, p.statementRange, p.indent, line);
  return [
    {
      title: `Initialise self.${p.attr} with ${line.slice(0, line.indexOf("("))}`,
      safe: false,
      preferred: true,
      edits: [{ range: { start: at.position, end: at.position }, newText: at.newText }],
    },
  ];
}

/** IL004: parameters allocated without values and never initialised. */
export const uninitializedParameter: Rule = {
  meta: {
    code: "IL004",
    name: "uninitialized-parameter",
    summary:
      "A parameter created with torch.empty or torch.Tensor(sizes) is never initialised.",
    defaultSeverity: "warning",
    frameworks: ["pytorch"],
    fixable: true,
  },
  check(ctx) {
    const facts = torchFacts(ctx.file);
    if (!facts) return [];
    return facts.uninitParams
      .filter((p) => !covered(facts, p))
      .map((p): Finding => ({
        code: "IL004",
        severity: "warning",
        message:
          `self.${p.attr} is allocated with ${p.ctor}(...) and no init reaches it: its ` +
          "values are whatever the memory held, which can be huge, NaN or Inf.",
        range: p.range,
        fixes: fixFor(ctx, facts, p),
        subject: { modelId: p.className },
      }));
  },
};
