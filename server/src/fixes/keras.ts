/**
 * Keras edit builders: `kernel_initializer="he_normal"` written or replaced on the layer's
 * constructor call, in the file's quote style. Keras's he_normal, glorot_uniform and
 * lecun_normal realise their nominal variance (the truncated normal's std is corrected).
 */
import type { Fix } from "../rules/types";
import { identifierFix } from "./keyword";
import type { InitFixRequest, TargetScheme } from "./types";

const identifiers: Record<TargetScheme, string> = {
  he: "he_normal",
  glorot: "glorot_uniform",
  lecun: "lecun_normal",
};

/** A fix setting the layer's kernel initializer to the requested scheme. */
export function kerasInitFix(req: InitFixRequest): Fix | null {
  const spelling = { keyword: "kernel_initializer", separator: "=" };
  return identifierFix(req.text, req.layer, spelling, identifiers[req.scheme]);
}
