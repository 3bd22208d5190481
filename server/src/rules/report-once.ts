/**
 * Reporting a source location once: layers unrolled from one loop, or a submodule's layers
 * listed under their parent model too, yield findings that start at the same place.
 */
import type { Range } from "../model/types";

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
