/**
 * IL006 reinit-after-pretrained: an init (apply, a loop over modules or parameters, an
 * `nn.init` call) that reaches a module after pretrained weights were loaded into it, in the
 * same scope. Loading after the init is the normal order and stays silent; so does an init
 * on a part that was replaced after loading (a new classification head).
 */
import { torchFacts, type ScopeEvent, type TorchFacts } from "../frontends/python/facts";
import { isUnder } from "../frontends/python/facts/syntax";
import { eventsIn, factIndex, methodOfClass } from "./fact-index";
import type { Finding, Rule } from "./types";

interface Load {
  target: string;
  event: ScopeEvent;
  /** How the weights got there, for the message. */
  how: string;
}

const loadWords: Record<string, string> = {
  weights: "weights=",
  pretrained: "pretrained=True",
  from_pretrained: "from_pretrained()",
  load_state_dict: "load_state_dict()",
};

/** Rebases `self.x` paths of a callee's events onto the caller's target. */
function rebase(path: string, onto: string): string {
  return path === "self" ? onto : `${onto}${path.slice(4)}`;
}

/** The init events a `self.method()` call runs, placed at the call, a few levels deep. */
function expandSelfCall(facts: TorchFacts, call: ScopeEvent, depth: number): ScopeEvent[] {
  if (depth > 3 || !call.className || !call.callee) return [];
  const fn = methodOfClass(facts, call.className, call.callee);
  if (!fn) return [];
  return eventsIn(facts, `${fn.className}.${fn.name}`).flatMap((e) => {
    if (e.kind === "selfCall") return expandSelfCall(facts, e, depth + 1);
    if (e.kind !== "init" || !isUnder(e.target, "self")) return [];
    return [{ ...e, range: call.range }];
  });
}

/** Loads a constructed in-file class performs in its own constructor, onto `target`. */
function nestedLoads(facts: TorchFacts, built: ScopeEvent): Load[] {
  const callee = built.callee ?? "";
  if (!factIndex(facts).localClasses.has(callee)) return [];
  const own = eventsIn(facts, `${callee}.__init__`);
  const loads = own.filter((e) => e.kind === "load" && isUnder(e.target, "self"));
  const survivors = loads.filter((l) => !reaches(own, l));
  return survivors.map((l) => ({
    target: rebase(l.target, built.target),
    event: built,
    how: `${loadWords[l.via ?? ""] ?? "a checkpoint"} inside ${callee}()`,
  }));
}

function reaches(events: ScopeEvent[], load: ScopeEvent): boolean {
  const after = events.filter(
    (e) => e.kind === "init" && e.range.start.line > load.range.start.line,
  );
  return after.some((e) => isUnder(load.target, e.target));
}

function hits(init: ScopeEvent, load: Load, replaced: string[]): boolean {
  const onAncestor = isUnder(load.target, init.target);
  const module = init.initKind === "apply" || init.initKind === "loop";
  if (onAncestor && (module || init.initKind === "reset" || init.target === load.target))
    return true;
  const inside = isUnder(init.target, load.target) && init.target !== load.target;
  return inside && !replaced.some((r) => isUnder(init.target, r));
}

function scopeFindings(facts: TorchFacts, events: ScopeEvent[]): Finding[] {
  const loads: Load[] = [];
  const replaced: string[] = [];
  const findings: Finding[] = [];
  for (const e of events) {
    if (e.kind === "construct") {
      const under = loads.some((l) => isUnder(e.target, l.target) && e.target !== l.target);
      if (under) replaced.push(e.target);
      const kept = loads.filter((l) => !isUnder(l.target, e.target));
      loads.splice(0, loads.length, ...kept, ...nestedLoads(facts, e));
    } else if (e.kind === "load") {
      loads.push({ target: e.target, event: e, how: `${loadWords[e.via ?? ""]} above` });
    } else if ((e.kind === "init" || e.kind === "selfCall") && loads.length > 0) {
      const inits = e.kind === "init" ? [e] : expandSelfCall(facts, e, 0);
      const init = inits.find((i) => loads.some((l) => hits(i, l, replaced)));
      const load = init && loads.find((l) => hits(init, l, replaced));
      if (!init || !load) continue;
      findings.push(finding(e, load));
      loads.splice(loads.indexOf(load), 1);
    }
  }
  return findings;
}

function finding(init: ScopeEvent, load: Load): Finding {
  return {
    code: "IL006",
    severity: "warning",
    message:
      `This init reaches ${load.target}, which already holds pretrained weights (loaded with ` +
      `${load.how}): it overwrites them. Initialise first and load afterwards, or limit the ` +
      "init to the new layers.",
    range: init.range,
    fixes: [],
    related: [
      { range: load.event.range, message: `pretrained weights loaded into ${load.target}` },
    ],
  };
}

/** IL006: initialization that overwrites pretrained weights. */
export const reinitAfterPretrained: Rule = {
  meta: {
    code: "IL006",
    name: "reinit-after-pretrained",
    summary: "An init reaches modules after pretrained weights were loaded into them.",
    defaultSeverity: "warning",
    frameworks: ["pytorch"],
    fixable: false,
  },
  check(ctx) {
    const facts = torchFacts(ctx.file);
    if (!facts) return [];
    return [...factIndex(facts).eventsByScope.values()].flatMap((events) =>
      scopeFindings(facts, events),
    );
  },
};
