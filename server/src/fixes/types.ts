/**
 * What a rule asks an edit builder for: change one layer's weight initializer to a scheme
 * that suits the activation it feeds, in the framework's own idiom.
 */
import type { Activation, FileDescription, Initializer, Layer } from "../model/types";

/** The schemes a fix can switch to (He 2015, Glorot & Bengio 2010, Klambauer 2017). */
export type TargetScheme = "he" | "glorot" | "lecun";

/** One request for an initializer fix. */
export interface InitFixRequest {
  text: string;
  file: FileDescription;
  layer: Layer;
  /** The weight's current initializer. */
  init: Initializer;
  /** The activation the layer's output feeds. */
  activation: Activation;
  scheme: TargetScheme;
  /**
   * For inits reached through `apply` or a loop: the dispatch's call reaches only layers that
   * need this same fix, so rewriting it is right; otherwise no fix is offered.
   */
  dispatchSpecific?: boolean;
}
