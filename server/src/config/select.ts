/**
 * Whether a diagnostic code is switched on under a configuration: `select` and `ignore`
 * entries are codes or code prefixes (`IL0`, `IL00`), and a per-rule severity of `off`
 * removes a rule entirely. Shared by the rule runner and the suppression pass.
 */
import type { EffectiveConfig } from "./effective";

function matchesAny(code: string, patterns: string[]): boolean {
  return patterns.some((p) => code.startsWith(p.toUpperCase()));
}

/** True when findings with this code are reported under `config`. */
export function codeEnabled(code: string, config: EffectiveConfig): boolean {
  if (config.severity[code] === "off") return false;
  if (config.select.length > 0 && !matchesAny(code, config.select)) return false;
  return !matchesAny(code, config.ignore);
}
