/**
 * `initlint rules [--format text|json]`: every code initlint can report, with its name,
 * default severity and summary, from the rule registry plus the suppression pass's IL100 and
 * the probe's checks IL101-IL106.
 */
import { unusedSuppressionMeta } from "../analysis/suppressions";
import { ruleDocsUri } from "../rules/docs-link";
import { rules } from "../rules/registry";
import type { RuleMeta } from "../rules/types";
import { UsageError } from "./args";
import { probeRuleMetas } from "./probe-rule-metas";

/** Every rule's metadata, in code order. */
export function allRuleMetas(): RuleMeta[] {
  return [...rules.map((r) => r.meta), unusedSuppressionMeta, ...probeRuleMetas].sort((a, b) =>
    a.code.localeCompare(b.code),
  );
}

/** Prints the rule table; resolves with the exit status. */
export async function runRulesCommand(argv: string[]): Promise<number> {
  const joined = argv.join("=");
  if (!["", "--format=json", "--format=text"].includes(joined)) {
    throw new UsageError(
      `rules: expected no argument or --format text|json, got "${argv.join(" ")}"`,
    );
  }
  const json = joined === "--format=json";

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
