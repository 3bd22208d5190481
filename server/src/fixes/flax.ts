/**
 * Flax edit builders: `kernel_init=nn.initializers.he_normal()` written or replaced on the
 * module's constructor call, through whatever name the file imports flax.linen or
 * jax.nn.initializers under; no fix when neither is imported.
 */
import { collectImports } from "../frontends/python/imports";
import { parsePython, pythonReady } from "../frontends/python/parser";
import type { Fix } from "../rules/types";
import { keywordFix } from "./keyword";
import type { InitFixRequest, TargetScheme } from "./types";

const functions: Record<TargetScheme, string> = {
  he: "he_normal",
  glorot: "glorot_uniform",
  lecun: "lecun_normal",
};

/** The expression prefix that reaches the initializers module in this file, or `null`. */
export function flaxInitializersPrefix(text: string): string | null {
  if (!pythonReady()) return null;
  const table = collectImports(parsePython(text));
  const local = (qualified: string) => [...table].find(([, q]) => q === qualified)?.[0];
  const candidates: [string, string][] = [
    ["flax.linen", ".initializers."],
    ["flax.linen.initializers", "."],
    ["jax.nn.initializers", "."],
    ["jax.nn", ".initializers."],
    ["jax", ".nn.initializers."],
  ];
  for (const [qualified, tail] of candidates) {
    const name = local(qualified);
    if (name) return `${name}${tail}`;
  }
  return null;
}

/** A fix setting the module's kernel_init to the requested scheme. */
export function flaxInitFix(req: InitFixRequest): Fix | null {
  const prefix = flaxInitializersPrefix(req.text);
  if (prefix === null) return null;
  const fn = functions[req.scheme];
  const spelling = { keyword: "kernel_init", separator: "=" };
  return keywordFix(req.text, req.layer, spelling, `${prefix}${fn}()`, fn);
}
