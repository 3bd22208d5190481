// Prints a per-file table of what `initlint check` reports on a folder of real model files,
// for the closing notes of front-end and rule work. Usage: node scripts/corpus-report.mjs DIR
// The corpus itself (copies of public repositories) is never committed.
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node scripts/corpus-report.mjs DIR");
  process.exit(2);
}

const cli = path.join(
  path.dirname(new URL(import.meta.url).pathname),
  "..",
  "bin",
  "initlint.js",
);
const run = spawnSync(process.execPath, [cli, "check", "--format", "json", dir], {
  encoding: "utf8",
  maxBuffer: 1 << 28,
});
if (run.status === 2) {
  console.error(run.stderr);
  process.exit(2);
}

const report = JSON.parse(run.stdout);
const order = ["error", "warning", "information", "hint"];
console.log("| file | error | warning | information | hint | findings at warning or above |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const file of report.files) {
  const counts = order.map((s) => file.diagnostics.filter((d) => d.severity === s).length);
  const loud = file.diagnostics
    .filter((d) => d.severity === "error" || d.severity === "warning")
    .map((d) => `${d.code}@${d.range.start.line + 1}`)
    .join(", ");
  console.log(`| ${path.relative(dir, file.path)} | ${counts.join(" | ")} | ${loud || "–"} |`);
}
if (process.argv.includes("--details")) {
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      console.log(
        `${path.relative(dir, file.path)}:${d.range.start.line + 1}: ${d.code} ${d.severity} ${d.message}`,
      );
    }
  }
}
