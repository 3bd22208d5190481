/**
 * Reporting a source location once: layers unrolled from one loop, or a submodule's layers
 * listed under their parent model too, yield findings that start at the same place.
 */
import type { Range } from "../model/types";
import type { Finding, Severity } from "./types";

/** The start positions of the findings reported so far. */
export class ReportedStarts {
  private readonly seen = new Set<string>();

  /** True when a finding already started where `range` starts; records the start either way. */
  repeated(range: Range): boolean {
    const key = `${range.start.line}:${range.start.character}`;
    if (this.seen.has(key)) return true;
    this.seen.add(key);
    return false;
  }
}

const severityRank: Record<Severity, number> = {
  error: 0,
  warning: 1,
  information: 2,
  hint: 3,
};

/** A finding and the name of the layer its message starts with. */
export interface NamedFinding {
  finding: Finding;
  layerName: string;
  /**
   * The finding sits on a source site several layers share (an init call in a loop or an
   * `apply`, a layer built in a loop): a site is grouped when one of its findings says so.
   */
  shared: boolean;
}

/** `12 layers (layers.0 ... layers.22)`, or the one name. */
export function layersLabel(names: string[]): string {
  if (names.length === 1) return names[0]!;
  const list = names.length === 2 ? names.join(", ") : `${names[0]} ... ${names.at(-1)}`;
  return `${names.length} layers (${list})`;
}

/**
 * One finding per source position and code: layers built in a loop, or reached by one init
 * call in a loop or `apply`, share where they are reported. The first finding stands for the
 * group at the group's highest severity, its message naming how many layers the site reaches
 * (`message` rebuilds it for that label; by default the leading layer name is replaced).
 */
export function onePerSite(
  entries: NamedFinding[],
  message?: (label: string, first: Finding) => string,
): Finding[] {
  const groups = new Map<string, NamedFinding[]>();
  for (const e of entries) {
    const { start } = e.finding.range;
    const key = `${e.finding.code}:${start.line}:${start.character}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  // Unrelated layers that only happen to share a start (no shared site) stay apart.
  const merged = [...groups.values()].flatMap((g) =>
    g.some((e) => e.shared) ? [g] : g.map((e) => [e]),
  );
  return merged.map((group) => {
    const first = group[0]!.finding;
    if (group.length === 1) return first;
    const names = [...new Set(group.map((e) => e.layerName))];
    if (names.length === 1) return first;
    const label = layersLabel(names);
    const severity = group
      .map((e) => e.finding.severity)
      .reduce((a, b) => (severityRank[b] < severityRank[a] ? b : a));
    const prefix = `${group[0]!.layerName}: `;
    const text = message
      ? message(label, first)
      : first.message.startsWith(prefix)
        ? `${label}: ${first.message.slice(prefix.length)}`
        : first.message;
    return { ...first, severity, message: text };
  });
}
