/**
 * The shared shape of keyword-style fixes (Keras, TF.js, Flax): replace the value of the
 * layer's initializer argument, or add the argument when the layer relies on its default.
 */
import type { Layer } from "../model/types";
import type { Fix } from "../rules/types";
import { appendArgument, quoted } from "./text";

/** How one framework spells the kernel initializer argument. */
export interface KeywordSpelling {
  /** `kernel_initializer`, `kernelInitializer`, `kernel_init`. */
  keyword: string;
  /** `=` in Python calls, `: ` in object literals. */
  separator: string;
}

/** A fix writing `value` as the layer's kernel initializer, or `null` without a call site. */
export function keywordFix(
  text: string,
  layer: Layer,
  spelling: KeywordSpelling,
  value: string,
  label: string,
): Fix | null {
  const call = layer.call;
  if (!call) return null;
  // Depthwise and embedding layers name their weight's keyword differently; the front end
  // records the right one on the parameter.
  const keyword =
    layer.params.find((p) => p.role === "weight")?.initKeyword ?? spelling.keyword;
  const existing = call.keywords[keyword];
  const title = `Initialise with ${label} (${keyword}${spelling.separator.trim()} ${value})`;
  if (existing) {
    return { title, safe: false, edits: [{ range: existing.valueRange, newText: value }] };
  }
  const item = `${keyword}${spelling.separator}${value}`;
  return { title, safe: false, edits: [appendArgument(text, call.argsRange, item)] };
}

/**
 * A fix writing the string identifier `name` (`"he_normal"`, `'heUniform'`), quoted in the
 * file's style, as the layer's kernel initializer.
 */
export function identifierFix(
  text: string,
  layer: Layer,
  spelling: KeywordSpelling,
  name: string,
): Fix | null {
  return keywordFix(text, layer, spelling, quoted(text, name), name);
}
