/**
 * The configuration one analysis runs under, after VS Code settings and the nearest project
 * config file have been merged and validated. Built from the schema's defaults.
 */
import type { RuleOptions } from "../rules/types";
import { settingsSchema, type SeverityOverride } from "./schema";

/** Validated, merged configuration for one document. */
export interface EffectiveConfig {
  enable: boolean;
  select: string[];
  ignore: string[];
  severity: Record<string, SeverityOverride>;
  options: RuleOptions;
}

/** The configuration when nobody configured anything. */
export function defaultConfig(): EffectiveConfig {
  return {
    enable: settingsSchema.enable.default,
    select: [],
    ignore: [],
    severity: {},
    options: {
      depth: settingsSchema["il001.depth"].default,
      ratio: settingsSchema["il001.ratio"].default,
      largeModelParams: settingsSchema["il010.threshold"].default,
    },
  };
}
