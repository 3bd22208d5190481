/**
 * Picks the edit builder for a layer's framework, so rules ask for "He on this layer" and
 * never spell an initializer themselves.
 */
import type { Fix } from "../rules/types";
import { flaxInitFix } from "./flax";
import { kerasInitFix } from "./keras";
import { pytorchInitFix } from "./pytorch";
import { tfjsInitFix } from "./tfjs";
import type { InitFixRequest } from "./types";

/** The framework-idiomatic fix for an initializer request, or `null` when none is sound. */
export function initializerFix(req: InitFixRequest): Fix | null {
  switch (req.init.framework) {
    case "pytorch":
      return pytorchInitFix(req);
    case "keras":
      return kerasInitFix(req);
    case "tfjs":
      return tfjsInitFix(req);
    case "flax":
      return flaxInitFix(req);
  }
}
