/**
 * Indexed answers to the questions rules ask of one file's torch facts. The queries in
 * facts/queries.ts scan every class and function on each call, and rules ask them once per
 * event, which made large files quadratic. These give the same answers (first match wins,
 * as with `find`, same orders) from maps built once per facts object; test/perf-rules-cache
 * checks them against the scanning queries on every fixture. Results are shared between
 * callers: read them, never change them.
 */
import type {
  ClassFact,
  FunctionFact,
  ScopeEvent,
  TorchFacts,
} from "../frontends/python/facts";
import type { SubtreeTypes } from "../frontends/python/facts/queries";
import { memoOn } from "../text/memo";

/** The maps and memoised answers for one facts object. */
interface FactIndex {
  classByName: Map<string, ClassFact>;
  functionByKey: Map<string, FunctionFact>;
  localClasses: Set<string>;
  names: Set<string>;
  eventsByScope: Map<string, ScopeEvent[]>;
  initEvents: ScopeEvent[];
  constructByTarget: Map<string, ScopeEvent>;
  chains: Map<string, ClassFact[]>;
  reachable: Map<string, Set<string>>;
  subtrees: Map<string, SubtreeTypes>;
}

function firstBy<T>(items: T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (!map.has(k)) map.set(k, item);
  }
  return map;
}

/** Module-level functions (no class) get a class part no class name can spell. */
function functionKey(className: string | null, name: string): string {
  return `${className ?? "\u0001"}\u0000${name}`;
}

/** The index of `facts`, built on first use. */
export function factIndex(facts: TorchFacts): FactIndex {
  return memoOn(facts, "factIndex", () => buildIndex(facts));
}

function buildIndex(facts: TorchFacts): FactIndex {
  const eventsByScope = new Map<string, ScopeEvent[]>();
  for (const e of facts.events) {
    const list = eventsByScope.get(e.scope);
    if (list) list.push(e);
    else eventsByScope.set(e.scope, [e]);
  }
  return {
    classByName: firstBy(facts.classes, (c) => c.name),
    functionByKey: firstBy(facts.functions, (f) => functionKey(f.className, f.name)),
    localClasses: new Set(facts.classes.map((c) => c.name)),
    names: new Set(facts.names),
    eventsByScope,
    initEvents: facts.events.filter((e) => e.kind === "init"),
    constructByTarget: firstBy(
      facts.events.filter((e) => e.kind === "construct"),
      (e) => e.target,
    ),
    chains: new Map(),
    reachable: new Map(),
    subtrees: new Map(),
  };
}

/** The events of one scope, in file order. */
export function eventsIn(facts: TorchFacts, scope: string): ScopeEvent[] {
  return factIndex(facts).eventsByScope.get(scope) ?? [];
}

/** Every init event of the file, in file order. */
export function initEventsOf(facts: TorchFacts): ScopeEvent[] {
  return factIndex(facts).initEvents;
}

/** The first event that constructs `target` (an access path such as `self.rnn`). */
export function constructionOf(facts: TorchFacts, target: string): ScopeEvent | undefined {
  return factIndex(facts).constructByTarget.get(target);
}

/** As `classChain` in facts/queries: the class and its in-file ancestors, nearest first. */
export function classChainOf(facts: TorchFacts, name: string): ClassFact[] {
  const index = factIndex(facts);
  const known = index.chains.get(name);
  if (known) return known;
  const chain: ClassFact[] = [];
  const seen = new Set<ClassFact>();
  const queue = [name];
  for (let i = 0; i < queue.length; i++) {
    const cls = index.classByName.get(queue[i]!);
    if (!cls || seen.has(cls)) continue;
    seen.add(cls);
    chain.push(cls);
    for (const b of cls.bases) queue.push(b.split(".").pop() ?? b);
  }
  index.chains.set(name, chain);
  return chain;
}

/** As `hasForeignBase` in facts/queries. */
export function hasForeignBaseOf(facts: TorchFacts, chain: ClassFact[]): boolean {
  const local = factIndex(facts).localClasses;
  return chain.some((c) =>
    c.bases.some((b) => b !== "torch.nn.Module" && b !== "object" && !local.has(b)),
  );
}

/** As `methodOf` in facts/queries: the method of the class or its nearest ancestor. */
export function methodOfClass(
  facts: TorchFacts,
  className: string,
  name: string,
): FunctionFact | null {
  const byKey = factIndex(facts).functionByKey;
  for (const cls of classChainOf(facts, className)) {
    const fn = byKey.get(functionKey(cls.name, name));
    if (fn) return fn;
  }
  return null;
}

/** The module-level function of that name (`className === null`), first defined. */
export function moduleFunction(facts: TorchFacts, name: string): FunctionFact | null {
  return factIndex(facts).functionByKey.get(functionKey(null, name)) ?? null;
}

/** As `reachableMethods` in facts/queries. */
export function reachableMethodsOf(
  facts: TorchFacts,
  className: string,
  extra: string[] = [],
): Set<string> {
  const index = factIndex(facts);
  const key = [className, ...extra].join("\u0000");
  const known = index.reachable.get(key);
  if (known) return known;
  const chain = classChainOf(facts, className);
  const methods = new Set(chain.flatMap((c) => c.methods));
  const start = ["__init__", ...extra, ...facts.externalRefs.filter((r) => methods.has(r))];
  if (hasForeignBaseOf(facts, chain)) start.push("reset_parameters", "_reset_parameters");
  const reached = new Set<string>();
  const queue = [...start];
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i]!;
    if (reached.has(name)) continue;
    reached.add(name);
    const fn = methodOfClass(facts, className, name);
    if (fn) for (const r of fn.selfRefs) if (methods.has(r)) queue.push(r);
  }
  index.reachable.set(key, reached);
  return reached;
}

/** As `subtreeTypes` in facts/queries. */
export function subtreeTypesOf(facts: TorchFacts, root: string): SubtreeTypes {
  const index = factIndex(facts);
  const known = index.subtrees.get(root);
  if (known) return known;
  const types = new Set<string>();
  let unknown = false;
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i]!;
    if (types.has(name)) continue;
    types.add(name);
    const cls = index.classByName.get(name);
    if (!cls) {
      if (!name.startsWith("torch.nn.")) unknown = true;
      continue;
    }
    unknown ||= cls.unknownConstructs;
    for (const base of cls.bases) {
      if (base === "torch.nn.Module") continue;
      if (index.localClasses.has(base) || base.startsWith("torch.nn.")) queue.push(base);
      else unknown = true;
    }
    queue.push(...cls.constructs);
  }
  const result = { types, unknown };
  index.subtrees.set(root, result);
  return result;
}
