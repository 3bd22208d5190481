/** Which rules run on a file: enabled by the configuration and written for its frameworks. */
import type { EffectiveConfig } from "../config/effective";
import { codeEnabled } from "../config/select";
import type { Framework } from "../model/types";
import type { Rule } from "../rules/types";

/** The rules of `all` that `config` enables and that know one of `frameworks`. */
export function enabledRules(
  all: readonly Rule[],
  config: EffectiveConfig,
  frameworks: readonly Framework[],
): Rule[] {
  return all.filter(
    (rule) =>
      codeEnabled(rule.meta.code, config) &&
      rule.meta.frameworks.some((f) => frameworks.includes(f)),
  );
}

/** Orders findings as every output does: by line, then by code. */
export function byPosition<T extends { code: string; range: { start: { line: number } } }>(
  a: T,
  b: T,
): number {
  return a.range.start.line - b.range.start.line || a.code.localeCompare(b.code);
}
