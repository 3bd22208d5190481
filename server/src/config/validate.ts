/**
 * Validates settings that enter from outside (VS Code settings, pyproject.toml, initlint.json)
 * against the one schema. A value that does not fit is dropped with a problem naming its key,
 * so the default applies to it while every valid key still takes effect.
 */
import { unusedSuppressionMeta } from "../analysis/suppressions";
import { rules } from "../rules/registry";
import { settingsSchema, severityValues, type SettingKey, type SettingSpec } from "./schema";

/** Validated values by schema key; an absent key means "not set here". */
export type ConfigLayer = Partial<Record<SettingKey, unknown>>;

/** One thing wrong with a configuration value. */
export interface ValueProblem {
  /** The key as the user wrote it (`depth`, `severity.IL001`, `rules.select`). */
  key: string;
  message: string;
}

const codePrefix = /^IL\d{0,3}$/i;
const fullCode = /^IL\d{3}$/i;

/** Every code a user can name: the rules' and the suppression pass's own. */
const knownCodes = [...rules.map((r) => r.meta.code), unusedSuppressionMeta.code];

/** True when some rule's code is, or starts with, `value` ("IL0" names IL001 to IL013). */
function namesARule(value: string): boolean {
  const upper = value.toUpperCase();
  return knownCodes.some((code) => code.startsWith(upper));
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "object" ? "a table" : String(value);
}

function checkArray(
  key: string,
  value: unknown,
  problems: ValueProblem[],
): string[] | undefined {
  if (!Array.isArray(value)) {
    problems.push({
      key,
      message: `expected a list of rule codes, got ${describeValue(value)}`,
    });
    return undefined;
  }
  const bad = value.filter((v) => typeof v !== "string" || !codePrefix.test(v));
  if (bad.length > 0) {
    const shown = bad.map(describeValue).join(", ");
    problems.push({
      key,
      message: `${shown} is not a rule code or prefix such as "IL001" or "IL0"`,
    });
    return undefined;
  }
  const unknown = value.filter((v: string) => !namesARule(v));
  if (unknown.length > 0) {
    const shown = unknown.map(describeValue).join(", ");
    problems.push({ key, message: `${shown} names no initlint rule` });
    return undefined;
  }
  return value.map((v: string) => v.toUpperCase());
}

function checkSeverities(key: string, value: unknown, problems: ValueProblem[]) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.push({
      key,
      message: `expected a table of rule codes, got ${describeValue(value)}`,
    });
    return undefined;
  }
  const result: Record<string, string> = {};
  for (const [code, level] of Object.entries(value)) {
    if (!fullCode.test(code)) {
      problems.push({ key: `${key}.${code}`, message: `"${code}" is not a rule code` });
    } else if (!knownCodes.includes(code.toUpperCase())) {
      problems.push({ key: `${key}.${code}`, message: `"${code}" names no initlint rule` });
    } else if (!(severityValues as readonly unknown[]).includes(level)) {
      const allowed = severityValues.join(", ");
      problems.push({
        key: `${key}.${code}`,
        message: `expected one of ${allowed}, got ${describeValue(level)}`,
      });
    } else {
      result[code.toUpperCase()] = level as string;
    }
  }
  return result;
}

function checkScalar(key: string, spec: SettingSpec, value: unknown, problems: ValueProblem[]) {
  if (spec.type === "boolean") {
    if (typeof value === "boolean") return value;
    problems.push({ key, message: `expected true or false, got ${describeValue(value)}` });
    return undefined;
  }
  if (spec.type === "number") {
    const ok = typeof value === "number" && Number.isFinite(value);
    const low = spec.minimum ?? -Infinity;
    const high = spec.maximum ?? Infinity;
    if (ok && value >= low && value <= high) return value;
    const bounds = [
      spec.minimum !== undefined ? `>= ${spec.minimum}` : "",
      spec.maximum !== undefined ? `<= ${spec.maximum}` : "",
    ].filter(Boolean);
    const want = bounds.length > 0 ? `a number ${bounds.join(" and ")}` : "a number";
    problems.push({ key, message: `expected ${want}, got ${describeValue(value)}` });
    return undefined;
  }
  if (typeof value === "string" && (!spec.enum || spec.enum.includes(value))) return value;
  const want = spec.enum ? `one of ${spec.enum.join(", ")}` : "a string";
  problems.push({ key, message: `expected ${want}, got ${describeValue(value)}` });
  return undefined;
}

/** Validates one value for a schema key; `undefined` (with a problem) when it does not fit. */
export function validateValue(
  settingKey: SettingKey,
  writtenKey: string,
  value: unknown,
  problems: ValueProblem[],
): unknown {
  const spec: SettingSpec = settingsSchema[settingKey];
  if (spec.type === "array") return checkArray(writtenKey, value, problems);
  if (spec.type === "object") return checkSeverities(writtenKey, value, problems);
  return checkScalar(writtenKey, spec, value, problems);
}

/** Project-file key (`depth`) to schema key (`il001.depth`). */
export const projectKeys: ReadonlyMap<string, SettingKey> = new Map(
  (Object.entries(settingsSchema) as [SettingKey, SettingSpec][])
    .filter(([, spec]) => spec.projectKey !== undefined)
    .map(([key, spec]) => [spec.projectKey!, key]),
);

/** Validates the `[tool.initlint]` table or the initlint.json object; unknown keys are problems. */
export function validateProjectTable(table: Record<string, unknown>): {
  layer: ConfigLayer;
  problems: ValueProblem[];
} {
  const layer: ConfigLayer = {};
  const problems: ValueProblem[] = [];
  for (const [written, value] of Object.entries(table)) {
    const key = projectKeys.get(written);
    if (!key) {
      const known = [...projectKeys.keys()].join(", ");
      problems.push({ key: written, message: `unknown key (known keys: ${known})` });
      continue;
    }
    const checked = validateValue(key, written, value, problems);
    if (checked !== undefined) layer[key] = checked;
  }
  return { layer, problems };
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (prefix in settingsSchema || typeof value !== "object" || value === null) {
    if (prefix) out.set(prefix, value);
    return;
  }
  if (Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
}

/**
 * Validates the `initlint` section as an LSP client sends it: nested objects (`{il001:
 * {depth: 8}}`, as VS Code sends them) or dotted keys (`{"il001.depth": 8}`). Keys outside
 * the schema are ignored, since clients add their own.
 */
export function validateClientSettings(section: unknown): {
  layer: ConfigLayer;
  problems: ValueProblem[];
} {
  const layer: ConfigLayer = {};
  const problems: ValueProblem[] = [];
  const flat = new Map<string, unknown>();
  flatten(section, "", flat);
  for (const [written, value] of flat) {
    if (!(written in settingsSchema) || value === undefined || value === null) continue;
    const key = written as SettingKey;
    const checked = validateValue(key, `initlint.${written}`, value, problems);
    if (checked !== undefined) layer[key] = checked;
  }
  return { layer, problems };
}
