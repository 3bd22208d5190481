/**
 * Runs `node bin/initlint.js` as a process for CLI tests and captures its output.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

/** The repository root, where the fixtures and bin/ live. */
export const repoRoot = path.join(__dirname, "..", "..");

/** What one CLI run printed and returned. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with `args` in `cwd` (the repository root by default). */
export function runCli(args: string[], cwd = repoRoot): CliResult {
  const result = spawnSync(
    process.execPath,
    [path.join(repoRoot, "bin", "initlint.js"), ...args],
    {
      cwd,
      encoding: "utf8",
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
