/**
 * Placeholder until the Keras extractor lands: contributes nothing.
 */
import type { Extraction, PythonContext } from "./context";

/** Extracts Keras models from a parsed Python file. */
export function extractKeras(_ctx: PythonContext): Extraction {
  return { models: [], initCalls: [], gainCalls: [] };
}
