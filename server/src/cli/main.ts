/**
 * The `initlint` command: dispatches to its subcommands and turns failures into exit status
 * 2 with the message on stderr. In a worker thread the same bundle serves `check`'s workers.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isMainThread } from "node:worker_threads";
import { packageRoot } from "../rules/docs-link";
import { UsageError } from "./args";
import { checkUsage, runCheckCommand } from "./check";
import { runWorker } from "./parallel";
import { runProbeCommand } from "./probe";
import { runRulesCommand } from "./rules-command";

const usage = `Usage: initlint <command> [options]

Commands:
  check PATH...     Lint model files for weight-initialization problems
  probe FILE        Run a seeded forward/backward pass and report per-layer statistics
  rules             List every rule with its default severity

Options:
  -h, --help        Show help (also: initlint <command> --help)
  -V, --version     Show the version

${checkOptions()}`;

/** `check`'s options and exit status, under a heading that names the command. */
function checkOptions(): string {
  return checkUsage
    .split("\n\n")
    .slice(2)
    .join("\n\n")
    .replace(/^Options:/m, "Options of initlint check:");
}

function version(): string {
  try {
    const manifest = path.join(packageRoot(), "package.json");
    return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

async function dispatch(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "check":
      return runCheckCommand(rest);
    case "rules":
      return runRulesCommand(rest);
    case "probe":
      return runProbeCommand(rest);
    case "--version":
    case "-V":
      process.stdout.write(`${version()}\n`);
      return 0;
    case "--help":
    case "-h":
    case "help":
      process.stdout.write(usage);
      return 0;
    case undefined:
      throw new UsageError("a command is needed");
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

async function main(): Promise<void> {
  // A reader that stops early (`initlint rules | head`) closes the pipe: that is no error.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
  let status: number;
  try {
    status = await dispatch(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`initlint: ${err.message}\nRun "initlint --help" for usage.\n`);
    } else {
      const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
      process.stderr.write(`initlint: internal error: ${detail}\n`);
    }
    status = 2;
  }
  // Let stdout drain before exiting, so piped JSON is never cut short.
  process.exitCode = status;
}

if (isMainThread) void main();
else void runWorker();
