/**
 * Merges validated configuration layers into the configuration one analysis runs under.
 * Precedence, lowest first: the schema's defaults, the client's settings, the nearest
 * project file. The project file wins so that the editor and `initlint check` in CI agree.
 */
import { defaultConfig, type EffectiveConfig } from "./effective";
import { settingsSchema, type SettingKey, type SeverityOverride } from "./schema";
import type { ConfigLayer } from "./validate";

/** Every setting with a value: each key from the highest layer that sets it, else its default. */
export type ResolvedSettings = { [K in SettingKey]: unknown };

/** Resolves every schema key through the layers, lowest precedence first. */
export function resolveSettings(layers: ConfigLayer[]): ResolvedSettings {
  const resolved = {} as ResolvedSettings;
  for (const key of Object.keys(settingsSchema) as SettingKey[]) {
    resolved[key] = settingsSchema[key].default;
    for (const layer of layers) {
      if (layer[key] !== undefined) resolved[key] = layer[key];
    }
  }
  return resolved;
}

/** The effective configuration of the layers, lowest precedence first. */
export function mergeConfig(layers: ConfigLayer[]): EffectiveConfig {
  const settings = resolveSettings(layers);
  const base = defaultConfig();
  return {
    enable: settings.enable as boolean,
    select: settings["rules.select"] as string[],
    ignore: settings["rules.ignore"] as string[],
    severity: settings["rules.severity"] as Record<string, SeverityOverride>,
    options: {
      ...base.options,
      depth: settings["il001.depth"] as number,
      ratio: settings["il001.ratio"] as number,
      largeModelParams: settings["il010.threshold"] as number,
    },
  };
}
