/**
 * Runs the rules component by component and remembers each component's findings, so an edit
 * re-checks only the component it touched. A component's description answers every question
 * a rule asks about its own models the way the whole file does (units are grouped by the
 * names they share), except for a few file-wide facts: whether the file is a script, the
 * names it mentions anywhere, the methods it calls from outside a class. Those are merged
 * from every component and laid over each one before its rules run; when they change, every
 * component is checked again. `test/analysis/part-rules.test.ts` holds this equal to running
 * the rules on the merged file, for every fixture.
 */
import type { EffectiveConfig } from "../config/effective";
import { torchFacts, type TorchFacts } from "../frontends/python/facts";
import {
  inPlace,
  placed,
  placementMap,
  shiftPositions,
  type LineMap,
  type Placement,
} from "../model/shift";
import { mergeValues } from "../frontends/python/merge";
import type { FileDescription } from "../model/types";
import { quoteStyle } from "../fixes/text";
import { rules } from "../rules/registry";
import type { Finding, Rule } from "../rules/types";
import { memoOn } from "../text/memo";
import { enabledRules } from "./rule-selection";

/** The file-wide torch facts every component sees, and a key that changes when they do. */
interface FileWide {
  facts: Pick<TorchFacts, "script" | "names" | "externalRefs"> | null;
  key: string;
  /** True when the facts hold positions (the script's main guard or training step). */
  positioned: boolean;
}

/** What one component's rules left behind. */
interface PartEntry {
  wideKey: string;
  /** The first lines of the component's units where its findings were found. */
  rows: readonly number[];
  /** The component with the file-wide facts laid over its own. */
  view: FileDescription;
  /** Rule code to findings, as the rule returned them: hand out copies only. */
  findings: Map<string, Finding[]>;
  notes: string[];
  /**
   * The findings of `active` in rule order with their keys, for an entry read in place:
   * most parts are on every keystroke, and walking every rule of every part and building
   * every finding's key again cost more than the rules run on the edited part.
   */
  listed?: { active: Rule[]; items: ListedFinding[] };
}

/** A remembered finding with what the merge across parts needs of it. */
interface ListedFinding {
  finding: Finding;
  key: string;
  /** The code of the rule that found it, when that rule reports once per file. */
  oncePer: string | null;
}

/** Per-document memory of the findings of each component, by component description. */
export class PartRuleCache {
  entries = new Map<FileDescription, PartEntry>();
  config: { value: EffectiveConfig; key: string } | null = null;
  /** The last file-wide facts and the contributions they were merged from. */
  wide: FileWide | null = null;
  /** The enabled rules for the last configuration and frameworks. */
  active: { key: string; rules: Rule[] } | null = null;
  contributionIds = new Map<string, number>();
  nextContributionId = 0;
}

const keepAll = () => true;

/** The script facts of a part where its lines stand now. */
function scriptOf(part: FileDescription, place: Placement): TorchFacts["script"] | undefined {
  const script = torchFacts(part)?.script;
  return script && hasPositions(script) ? (placed(script, place) ?? script) : script;
}

function hasPositions(script: TorchFacts["script"]): boolean {
  return script.mainGuard !== null || script.trainingStep !== null;
}

/** Merges the file-wide facts of the components, as the whole-file merge would. */
function mergeFileWide(parts: FileDescription[], places: Placement[]): FileWide["facts"] {
  const torch = parts.map(torchFacts);
  if (torch.every((t) => t === null)) return null;
  const merged = <K extends "script" | "names" | "externalRefs">(values: unknown[]) =>
    mergeValues(values, keepAll) as TorchFacts[K] | undefined;
  return {
    script: merged<"script">(parts.map((p, i) => scriptOf(p, places[i]!)))!,
    names: merged<"names">(torch.map((t) => t?.names)) ?? [],
    externalRefs: merged<"externalRefs">(torch.map((t) => t?.externalRefs)) ?? [],
  };
}

/** What one component adds to the file-wide facts, as text, computed once per component. */
function ownContribution(part: FileDescription): { text: string; positioned: boolean } {
  return memoOn(part, "fileWide", () => {
    const t = torchFacts(part);
    if (!t) return { text: "", positioned: false };
    const text = [JSON.stringify(t.script), t.names.join("\0"), t.externalRefs.join("\0")];
    return { text: text.join("\u0001"), positioned: hasPositions(t.script) };
  });
}

/** What a component adds to the file-wide facts where its lines stand now. */
function contributionOf(part: FileDescription, place: Placement): string {
  const own = ownContribution(part);
  if (!own.positioned || inPlace(place)) return own.text;
  const t = torchFacts(part)!;
  const text = [JSON.stringify(scriptOf(part, place)), t.names.join("\0")];
  return [...text, t.externalRefs.join("\0")].join("\u0001");
}

/**
 * The file-wide facts, merged again only when some component's contribution changed: each
 * distinct contribution has a number while a component holds it, and the key lists them.
 */
function fileWide(parts: FileDescription[], places: Placement[], cache: PartRuleCache) {
  const live = new Map<string, number>();
  const ids = parts.map((p, i) => {
    const text = contributionOf(p, places[i]!);
    let id = live.get(text) ?? cache.contributionIds.get(text);
    if (id === undefined) id = cache.nextContributionId++;
    live.set(text, id);
    return id;
  });
  cache.contributionIds = live;
  const key = ids.join(",");
  if (cache.wide?.key !== key) {
    const facts = mergeFileWide(parts, places);
    cache.wide = { facts, key, positioned: facts !== null && hasPositions(facts.script) };
  }
  return cache.wide;
}

function viewOf(part: FileDescription, wide: FileWide): FileDescription {
  const torch = torchFacts(part);
  if (!torch || !wide.facts) return { ...part, notes: [] };
  return { ...part, notes: [], facts: { ...part.facts, torch: { ...torch, ...wide.facts } } };
}

function configKey(cache: PartRuleCache, config: EffectiveConfig): string {
  if (cache.config?.value !== config) {
    cache.config = { value: config, key: JSON.stringify(config) };
  }
  return cache.config.key;
}

/** Identifies a finding for dropping the copies that shared lines give every component. */
function findingKey(f: Finding): string {
  const { start, end } = f.range;
  return `${f.code}\u0000${start.line}:${start.character}-${end.line}:${end.character}\u0000${f.message}`;
}

function runOne(rule: Rule, view: FileDescription, text: string, options: EffectiveConfig) {
  try {
    return { findings: rule.check({ file: view, text, options: options.options }), note: null };
  } catch (err) {
    return { findings: [], note: `${rule.meta.code}: rule failed: ${String(err)}` };
  }
}

/**
 * How to move a remembered entry's findings to where its component's lines stand now:
 * `null` to use them as they are, `undefined` when they cannot be (the entry is made again).
 * Findings made under file-wide facts that hold positions are never moved: some of their
 * positions may come from another component, which did not move the same way.
 */
function entryMove(
  entry: PartEntry,
  current: Placement,
  wide: FileWide,
  active: Rule[],
): LineMap | null | undefined {
  const place = { at: entry.rows, now: current.now, sizes: current.sizes };
  if (inPlace(place)) return null;
  if (wide.positioned || !active.every((r) => entry.findings.has(r.meta.code))) {
    return undefined;
  }
  return placementMap(place) ?? undefined;
}

/**
 * The findings of every enabled rule over the described parts (base component first), in
 * file order, with severity overrides applied; notes of rules that threw go to `notes`.
 */
export function runRulesOnParts(
  described: { parts: FileDescription[]; places: Placement[] },
  text: string,
  config: EffectiveConfig,
  cache: PartRuleCache,
  notes: string[],
): Finding[] {
  const { parts, places } = described;
  const wide = fileWide(parts, places, cache);
  const key = configKey(cache, config);
  // As on the merged file: a rule runs when the file, not the component, uses its framework.
  const frameworks = [...new Set(parts.flatMap((p) => p.frameworks))];
  const activeKey = `${key}\u0002${frameworks.join(",")}`;
  if (cache.active?.key !== activeKey) {
    cache.active = { key: activeKey, rules: enabledRules(rules, config, frameworks) };
  }
  const active = cache.active.rules;
  const next = new Map<FileDescription, PartEntry>();
  const seen = new Set<string>();
  const once = new Map<string, Finding>();
  const out: Finding[] = [];
  // What rules read from the whole text rather than their component's lines: the file's
  // quote style (string literals a fix adds match it).
  const wideKey = `${wide.key}\u0002${key}\u0002${quoteStyle(text)}`;
  parts.forEach((part, i) => {
    const place = places[i]!;
    let entry = next.get(part) ?? cache.entries.get(part);
    let move = entry?.wideKey === wideKey ? entryMove(entry, place, wide, active) : undefined;
    if (!entry || move === undefined) {
      // Rules read positions against the text as it is now: they see the part placed there.
      const here = placed(part, place) ?? part;
      entry = {
        wideKey,
        rows: place.now,
        view: viewOf(here, wide),
        findings: new Map(),
        notes: [],
      };
      move = null;
    }
    next.set(part, entry);
    const items = move ? null : listed(entry, active, text, config);
    for (const item of items ?? movedItems(entry, active, move!)) {
      const f = item.finding;
      if (seen.has(item.key)) continue;
      seen.add(item.key);
      if (item.oncePer !== null) {
        // The whole file reports its first such finding: keep the earliest of the parts'.
        const held = once.get(item.oncePer);
        if (!held || before(f, held)) once.set(item.oncePer, f);
        continue;
      }
      out.push(f);
    }
    for (const note of entry.notes) if (!notes.includes(note)) notes.push(note);
  });
  cache.entries = next;
  out.push(...once.values());
  return out.map((f) => {
    const override = config.severity[f.code];
    return override && override !== "off" ? { ...f, severity: override } : { ...f };
  });
}

/** Every active rule's findings of an entry in place, running the rules it lacks first. */
function listed(
  entry: PartEntry,
  active: Rule[],
  text: string,
  config: EffectiveConfig,
): ListedFinding[] {
  if (entry.listed?.active === active) return entry.listed.items;
  const items: ListedFinding[] = [];
  for (const rule of active) {
    let found = entry.findings.get(rule.meta.code);
    if (!found) {
      const result = runOne(rule, entry.view, text, config);
      found = result.findings;
      if (result.note) entry.notes.push(result.note);
      entry.findings.set(rule.meta.code, found);
    }
    const oncePer = rule.meta.oncePerFile ? rule.meta.code : null;
    for (const finding of found) items.push({ finding, key: findingKey(finding), oncePer });
  }
  entry.listed = { active, items };
  return items;
}

/** An entry's findings moved to where its lines stand now (every active rule has run). */
function movedItems(entry: PartEntry, active: Rule[], move: LineMap): ListedFinding[] {
  const items: ListedFinding[] = [];
  for (const rule of active) {
    const oncePer = rule.meta.oncePerFile ? rule.meta.code : null;
    for (const finding of shiftPositions(entry.findings.get(rule.meta.code)!, move)) {
      items.push({ finding, key: findingKey(finding), oncePer });
    }
  }
  return items;
}

function before(a: Finding, b: Finding): boolean {
  const x = a.range.start;
  const y = b.range.start;
  return x.line < y.line || (x.line === y.line && x.character < y.character);
}
