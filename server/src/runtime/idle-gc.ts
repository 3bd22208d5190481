/**
 * Young-generation collections between edits instead of inside them. Every keystroke
 * allocates about a megabyte on a 2,000-line file, and about a seventh of it is still
 * reachable at a scavenge however long after the edit it comes (docs/benchmarks.md,
 * "Minor collections"): left to V8, a scavenge falls inside an edit every ten or so
 * keystrokes and copies everything since the last one, a 2 to 4 ms pause on the keystroke
 * path. Collecting right after diagnostics are published, while the server waits for the
 * next message, copies one edit's survivors (about 0.4 ms) at a time nobody waits on.
 */
import * as v8 from "node:v8";
import * as vm from "node:vm";

/** V8's collector as `--expose-gc` exposes it. */
export type CollectFn = (options?: { type?: "minor" | "major"; execution?: "sync" }) => void;

/**
 * The collector function, or null where the runtime will not expose one. A process started
 * with `--expose-gc` has it on the global object; otherwise the flag is set now and the
 * function read from a fresh context, the only place V8 installs it after start-up.
 */
export function exposeCollector(): CollectFn | null {
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === "function") return existing as CollectFn;
  try {
    v8.setFlagsFromString("--expose-gc");
    const fn: unknown = vm.runInNewContext("gc");
    return typeof fn === "function" ? (fn as CollectFn) : null;
  } catch {
    return null;
  }
}

/** Bytes the young generation holds now. */
function youngBytes(): number {
  for (const space of v8.getHeapSpaceStatistics()) {
    if (space.space_name === "new_space") return space.space_used_size;
  }
  return 0;
}

/** Options of an idle collector; the defaults suit the language server. */
export interface IdleCollectorOptions {
  collect?: CollectFn | null;
  /** Young bytes below which a collection is not worth its fixed cost. */
  minYoungBytes?: number;
  /** Reads the young generation's size (for tests). */
  young?: () => number;
}

/**
 * Runs a minor collection once the work of a burst of messages is done. `settled()` is
 * called after each publication; the collection runs on the next turn of the event loop,
 * after anything already queued, and only when the young generation holds enough to copy.
 */
export class IdleCollector {
  private readonly collect: CollectFn | null;
  private readonly minYoungBytes: number;
  private readonly young: () => number;
  private pending = false;
  /** How many collections ran, for the log and the tests. */
  collections = 0;

  constructor(options: IdleCollectorOptions = {}) {
    this.collect = options.collect === undefined ? exposeCollector() : options.collect;
    this.minYoungBytes = options.minYoungBytes ?? 1 << 20;
    this.young = options.young ?? youngBytes;
  }

  /** True when collections can run in this process. */
  get available(): boolean {
    return this.collect !== null;
  }

  /** Work was published: collect on the next turn if nothing else is waiting by then. */
  settled(): void {
    if (!this.collect || this.pending) return;
    this.pending = true;
    setImmediate(() => {
      this.pending = false;
      if (this.young() < this.minYoungBytes) return;
      this.collect?.({ type: "minor" });
      this.collections++;
    });
  }
}
