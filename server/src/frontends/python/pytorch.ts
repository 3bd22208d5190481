/**
 * Placeholder until the Pytorch extractor lands: contributes nothing.
 */
import type { Extraction, PythonContext } from "./context";

/** Extracts Pytorch models from a parsed Python file. */
export function extractPytorch(_ctx: PythonContext): Extraction {
  return { models: [], initCalls: [], gainCalls: [] };
}
