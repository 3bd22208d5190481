/**
 * Probe options from the settings schema's defaults and overrides (settings, CLI flags),
 * validated once here so the worker receives only sane numbers.
 */
import { settingsSchema } from "../config/schema";
import { parseShape } from "./directive";
import { defaultThresholds, type BackendChoice, type ProbeOptions } from "./types";

/** Overrides of the defaults; absent means "the schema's default". */
export interface ProbeOverrides {
  seed?: number;
  batch?: number;
  backend?: string;
  inputShape?: string | number[];
  memoryBudgetMB?: number;
}

const backends = ["auto", "gpu", "node", "wasm", "cpu"];

/** Time steps recurrent layers are unrolled over when the input shape does not say. */
export const DEFAULT_STEPS = 8;

/** Builds validated options; throws an Error with a readable message for a bad value. */
export function probeOptions(overrides: ProbeOverrides = {}): ProbeOptions {
  const batchSpec = settingsSchema["probe.batchSize"];
  const batch = overrides.batch ?? batchSpec.default;
  if (!Number.isInteger(batch) || batch < batchSpec.minimum || batch > batchSpec.maximum) {
    throw new Error(
      `batch must be an integer from ${batchSpec.minimum} to ${batchSpec.maximum}`,
    );
  }
  const seed = overrides.seed ?? settingsSchema["probe.seed"].default;
  if (!Number.isInteger(seed)) throw new Error("seed must be an integer");
  const backend = overrides.backend ?? settingsSchema["probe.backend"].default;
  if (!backends.includes(backend))
    throw new Error(`backend must be one of ${backends.join(", ")}`);
  const budgetMb = overrides.memoryBudgetMB ?? settingsSchema["probe.memoryBudgetMB"].default;
  if (!(budgetMb >= settingsSchema["probe.memoryBudgetMB"].minimum)) {
    throw new Error("memory budget must be at least 16 MB");
  }

  let inputShape: number[] | undefined;
  const given = overrides.inputShape;
  if (Array.isArray(given)) inputShape = given;
  else if (typeof given === "string" && given.trim() !== "") {
    const parsed = parseShape(given);
    if (!parsed) throw new Error(`input shape "${given}" is not a list of positive integers`);
    inputShape = parsed;
  }
  return {
    seed,
    batch,
    backend: backend as BackendChoice,
    ...(inputShape ? { inputShape } : {}),
    memoryBudgetBytes: budgetMb * 1024 * 1024,
    steps: DEFAULT_STEPS,
    thresholds: { ...defaultThresholds },
  };
}
