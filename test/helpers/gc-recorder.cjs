// Preloaded into a server under test (`node -r`): records every garbage collection Node's
// performance timeline reports, and writes them as JSON to INITLINT_TEST_GC_LOG at exit.
const fs = require("node:fs");
const { constants, PerformanceObserver } = require("node:perf_hooks");

const out = process.env.INITLINT_TEST_GC_LOG;
const kinds = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: "minor",
  [constants.NODE_PERFORMANCE_GC_MAJOR]: "major",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental",
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weak",
};
const seen = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const detail = entry.detail ?? {};
    seen.push({
      kind: kinds[detail.kind] ?? String(detail.kind),
      forced: (detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0,
      start: entry.startTime,
      ms: entry.duration,
    });
  }
}).observe({ entryTypes: ["gc"] });
// Synchronous: the server leaves through process.exit, which waits for nothing.
process.on("exit", () => {
  if (out) fs.writeFileSync(out, JSON.stringify(seen));
});
