/**
 * `initlint check [--format text|json|description] [--fix] [--config FILE] PATH...`: finds
 * the files, resolves each one's configuration (the given file, else the nearest project
 * file), checks them (on worker threads when there are many), prints the report and returns
 * the exit status: 0 when nothing at warning or above remains, 1 when something does.
 */
import { formatProblem, type ConfigFile } from "../config/config-file";
import { defaultConfig, type EffectiveConfig } from "../config/effective";
import { mergeConfig } from "../config/merge";
import { loadConfigFile, ProjectConfigs } from "../config/project";
import { initPython } from "../frontends/python/parser";
import { parseCheckArgs, UsageError } from "./args";
import { checkFile, type FileJob, type FileReport } from "./file-report";
import { displayPath, formatDescriptions, formatJson, formatText } from "./format";
import { checkInWorkers, workerCount } from "./parallel";
import { collectFiles } from "./walk";

/** Help text of `initlint check`. */
export const checkUsage = `Usage: initlint check [options] PATH...

Checks Python (.py), notebook (.ipynb) and TypeScript/JavaScript files, or every such file
under the given folders (skipping node_modules, .git, virtual environments, __pycache__ and
what .gitignore files ignore).

Options:
  --format text|json|description  Output format (default: text)
  --fix                           Apply safe fixes and write the files
  --config FILE                   Use this pyproject.toml or initlint.json for every file
  -h, --help                      Show this help

Exit status: 0 when nothing at warning or above was found, 1 when something was,
2 on a usage or internal error.
`;

function reportProblems(config: ConfigFile, seen: Set<string>): void {
  if (seen.has(config.path)) return;
  seen.add(config.path);
  for (const problem of config.problems) {
    process.stderr.write(`initlint: ${formatProblem(problem)} (default used)\n`);
  }
}

function configResolver(explicit: string | undefined): (file: string) => EffectiveConfig {
  const seen = new Set<string>();
  if (explicit !== undefined) {
    let given: ConfigFile;
    try {
      given = loadConfigFile(explicit);
    } catch (err) {
      throw new UsageError(`--config ${explicit}: ${err instanceof Error ? err.message : err}`);
    }
    reportProblems(given, seen);
    const config = mergeConfig([given.layer]);
    return () => config;
  }
  const projects = new ProjectConfigs();
  const merged = new Map<string, EffectiveConfig>();
  return (file) => {
    const project = projects.forFile(file);
    if (!project) return defaultConfig();
    reportProblems(project, seen);
    let config = merged.get(project.path);
    if (!config) {
      config = mergeConfig([project.layer]);
      merged.set(project.path, config);
    }
    return config;
  };
}

function blocking(reports: FileReport[]): boolean {
  return reports.some((r) =>
    r.findings.some((f) => f.severity === "error" || f.severity === "warning"),
  );
}

/** Runs `initlint check`; resolves with the exit status. */
export async function runCheckCommand(argv: string[]): Promise<number> {
  const options = parseCheckArgs(argv);
  if (options.help) {
    process.stdout.write(checkUsage);
    return 0;
  }

  let files: string[];
  try {
    files = collectFiles(options.paths);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const configFor = configResolver(options.config);
  const describe = options.format === "description";
  const jobs: FileJob[] = files.map((file) => ({
    file,
    config: configFor(file),
    fix: options.fix,
    describe,
  }));

  const workers = workerCount(jobs.length);
  let reports: FileReport[];
  if (workers > 0) {
    reports = await checkInWorkers(jobs, workers);
  } else {
    await initPython();
    reports = jobs.map(checkFile);
  }

  for (const report of reports.filter((r) => r.skipped !== undefined)) {
    process.stderr.write(`initlint: ${displayPath(report.file)}: skipped: ${report.skipped}\n`);
  }
  const failed = reports.filter((r) => r.error !== undefined);
  for (const report of failed) {
    process.stderr.write(`initlint: ${displayPath(report.file)}: ${report.error}\n`);
  }
  const checked = reports.filter((r) => r.error === undefined && r.skipped === undefined);
  const output =
    options.format === "json"
      ? formatJson(checked)
      : describe
        ? formatDescriptions(checked)
        : formatText(checked);
  process.stdout.write(output);

  if (failed.length > 0) return 2;
  return blocking(checked) ? 1 : 0;
}
