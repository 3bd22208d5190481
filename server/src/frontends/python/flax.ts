/**
 * Placeholder until the Flax extractor lands: contributes nothing.
 */
import type { Extraction, PythonContext } from "./context";

/** Extracts Flax models from a parsed Python file. */
export function extractFlax(_ctx: PythonContext): Extraction {
  return { models: [], initCalls: [], gainCalls: [] };
}
