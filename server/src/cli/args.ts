/**
 * Parses the arguments of `initlint check`. Unknown flags and missing values are usage
 * errors, reported by throwing UsageError so the caller exits with status 2.
 */

/** A usage error: the message goes to stderr and the exit status is 2. */
export class UsageError extends Error {}

/** The output formats of `initlint check`. */
export const checkFormats = ["text", "json", "description"] as const;

/** Parsed `initlint check` options. */
export interface CheckOptions {
  format: (typeof checkFormats)[number];
  fix: boolean;
  config?: string;
  paths: string[];
  help: boolean;
}

function valueOf(argv: string[], i: number, flag: string): string {
  const value = argv[i + 1];
  if (value === undefined || value.startsWith("--"))
    throw new UsageError(`${flag} needs a value`);
  return value;
}

/** Parses `check`'s arguments (everything after the subcommand). */
export function parseCheckArgs(argv: string[]): CheckOptions {
  const options: CheckOptions = { format: "text", fix: false, paths: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s) : [arg];
    const take = () => (inline !== undefined ? inline : valueOf(argv, i++, flag!));
    if (arg === "--") {
      options.paths.push(...argv.slice(i + 1));
      break;
    } else if (flag === "--format") {
      const format = take();
      if (!(checkFormats as readonly string[]).includes(format)) {
        throw new UsageError(
          `--format must be one of ${checkFormats.join(", ")}, not "${format}"`,
        );
      }
      options.format = format as CheckOptions["format"];
    } else if (flag === "--config") {
      options.config = take();
    } else if (arg === "--fix") {
      options.fix = true;
    } else if (arg === "--help" || arg === "-h") {
      options.help = true;
    } else if (arg.startsWith("-")) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      options.paths.push(arg);
    }
  }
  if (options.paths.length === 0 && !options.help) throw new UsageError("check needs a PATH");
  return options;
}
