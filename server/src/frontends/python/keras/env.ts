/**
 * What the Keras readers share while walking one file: the import table, the scope of literal
 * bindings at the current point, and the sinks for init calls and notes.
 */
import type { InitCall, Range } from "../../../model/types";
import type { ImportTable } from "../imports";
import type { Scope } from "../common/literals";

/** Shared state of one Keras extraction. */
export interface KerasEnv {
  imports: ImportTable;
  scope: Scope;
  initCalls: InitCall[];
  notes: string[];
  /** Initializer keywords passed to `model.add(...)` instead of the layer. */
  misplaced: MisplacedInitializer[];
}

/** An initializer keyword given to `model.add(...)`: Keras rejects it, the layer keeps its default. */
export interface MisplacedInitializer {
  keyword: string;
  /** The whole `name=value` inside the `add(...)` call. */
  range: Range;
  valueRange: Range;
  /** The `add(...)` call and the layer call inside it, where the keyword belongs. */
  addCallRange: Range;
  layerArgsRange?: Range;
  layerId?: string;
  modelId?: string;
}

/** The same environment with a different scope, for a nested function or method. */
export function withScope(env: KerasEnv, scope: Scope): KerasEnv {
  return { ...env, scope };
}
