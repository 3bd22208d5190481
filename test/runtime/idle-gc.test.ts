/**
 * The collector that runs V8's minor collections between edits: it runs once per burst of
 * publications, only on the next turn of the event loop, only when the young generation is
 * worth copying, and the function it exposes really collects (observed through Node's
 * performance timeline, not assumed).
 */
import { constants, PerformanceObserver, type PerformanceEntry } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import {
  exposeCollector,
  IdleCollector,
  type CollectFn,
} from "../../server/src/runtime/idle-gc";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function recorder(): { collect: CollectFn; calls: unknown[] } {
  const calls: unknown[] = [];
  return { collect: (options) => void calls.push(options), calls };
}

describe("IdleCollector", () => {
  it("collects once per burst, on the next turn, as a minor collection", async () => {
    const { collect, calls } = recorder();
    const idle = new IdleCollector({ collect, young: () => 8 << 20 });
    idle.settled();
    idle.settled();
    idle.settled();
    expect(calls).toEqual([]);
    await nextTurn();
    expect(calls).toEqual([{ type: "minor" }]);
    expect(idle.collections).toBe(1);
    idle.settled();
    await nextTurn();
    expect(calls).toHaveLength(2);
  });

  it("skips a young generation too small to be worth a collection", async () => {
    const { collect, calls } = recorder();
    let young = 100_000;
    const idle = new IdleCollector({ collect, young: () => young, minYoungBytes: 1 << 20 });
    idle.settled();
    await nextTurn();
    expect(calls).toEqual([]);
    young = 2 << 20;
    idle.settled();
    await nextTurn();
    expect(calls).toHaveLength(1);
  });

  it("reads the young generation when the collection is due, not when asked", async () => {
    const { collect, calls } = recorder();
    let young = 0;
    const idle = new IdleCollector({ collect, young: () => young });
    idle.settled();
    // What the rest of this turn allocates counts too.
    young = 4 << 20;
    await nextTurn();
    expect(calls).toHaveLength(1);
  });

  it("does nothing, and says so, where the runtime exposes no collector", async () => {
    const idle = new IdleCollector({ collect: null });
    expect(idle.available).toBe(false);
    idle.settled();
    await nextTurn();
    expect(idle.collections).toBe(0);
  });
});

describe("exposeCollector", () => {
  it("returns V8's collector, and a minor collection through it shows in the timeline", async () => {
    const gc = exposeCollector();
    expect(typeof gc).toBe("function");
    const seen: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
    observer.observe({ entryTypes: ["gc"] });
    try {
      gc!({ type: "minor" });
      // GC entries are delivered asynchronously.
      for (let i = 0; i < 50 && seen.length === 0; i++) await nextTurn();
    } finally {
      observer.disconnect();
    }
    const kinds = seen.map((e) => (e as { detail?: { kind?: number } }).detail?.kind);
    expect(kinds).toContain(constants.NODE_PERFORMANCE_GC_MINOR);
    const flags = seen.map((e) => (e as { detail?: { flags?: number } }).detail?.flags ?? 0);
    expect(flags.some((f) => (f & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0)).toBe(
      true,
    );
  });
});
