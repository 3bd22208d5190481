/**
 * `initlint rules [--format text|json]`: every code initlint can report, with its name,
 * default severity and summary, from the rule registry plus the suppression pass's IL100.
 */
import { unusedSuppressionMeta } from "../analysis/suppressions";
import { ruleDocsUri } from "../rules/docs-link";
import { rules } from "../rules/registry";
import type { RuleMeta } from "../rules/types";
import { UsageError } from "./args";

/** Every rule's metadata, in code order. */
export function allRuleMetas(): RuleMeta[] {
  return [...rules.map((r) => r.meta), unusedSuppressionMeta].sort((a, b) =>
    a.code.localeCompare(b.code),
  );
}

/** Prints the rule table; resolves with the exit status. */
export async function runRulesCommand(argv: string[]): Promise<number> {
  const json = argv.includes("--format=json") || argv.join(" ").includes("--format json");
  const unknown = argv.filter((a) => !["--format", "--format=json", "json", "text", "--format=text"].includes(a));
  if (unknown.length > 0) throw new UsageError(`rules: unknown argument ${unknown[0]}`);

  const metas = allRuleMetas();
  if (json) {
    const list = metas.map((m) => ({ ...m, docs: ruleDocsUri(m.code) }));
    process.stdout.write(`${JSON.stringify({ rules: list }, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...metas.map((m) => m.name.length));
  for (const m of metas) {
    const fix = m.fixable ? "fix" : "   ";
    const line = `${m.code}  ${m.name.padEnd(width)}  ${m.defaultSeverity.padEnd(11)}  ${fix}  ${m.summary}`;
    process.stdout.write(`${line}\n`);
  }
  return 0;
}
