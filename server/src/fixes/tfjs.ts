/**
 * TensorFlow.js edit builders: `kernelInitializer: 'heUniform'` written or replaced in the
 * layer's config object. The uniform variants are chosen on purpose: TF.js's heNormal,
 * glorotNormal and leCunNormal draw an uncorrected truncated normal and realise only about
 * 0.774 of their nominal variance (tensorflow/tfjs#8594); the uniform ones are exact.
 */
import type { Fix } from "../rules/types";
import { identifierFix } from "./keyword";
import type { InitFixRequest, TargetScheme } from "./types";

const identifiers: Record<TargetScheme, string> = {
  he: "heUniform",
  glorot: "glorotUniform",
  lecun: "leCunUniform",
};

/** A fix setting the layer's kernel initializer to the requested scheme. */
export function tfjsInitFix(req: InitFixRequest): Fix | null {
  const spelling = { keyword: "kernelInitializer", separator: ": " };
  return identifierFix(req.text, req.layer, spelling, identifiers[req.scheme]);
}
