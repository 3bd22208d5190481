/**
 * Flax spellings: linen (`flax.linen.Dense`), nnx (`flax.nnx.Linear`) and the initializer and
 * activation namespaces they share with JAX (`nn.initializers.he_normal`,
 * `jax.nn.initializers.lecun_normal`, `jax.nn.relu`), normalised to short canonical forms.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import { qualify, type ImportTable } from "../imports";

const initializerNamespaces = [
  "flax.linen.initializers",
  "flax.nnx.initializers",
  "flax.nnx.nn.initializers",
  "jax.nn.initializers",
  "jax.initializers",
];

/** What a qualified Flax or JAX name denotes. */
export type FlaxName =
  | { kind: "linen" | "nnx"; member: string }
  | { kind: "initializer"; member: string }
  | { kind: "function"; member: string }
  | null;

/** Classifies a qualified name. */
export function classifyFlax(qualified: string | null): FlaxName {
  if (!qualified) return null;
  const dot = qualified.lastIndexOf(".");
  const ns = qualified.slice(0, dot);
  const member = qualified.slice(dot + 1);
  if (initializerNamespaces.includes(ns)) return { kind: "initializer", member };
  if (ns === "flax.linen") return { kind: "linen", member };
  if (ns === "flax.nnx" || ns === "flax.nnx.nn") return { kind: "nnx", member };
  if (
    ["jax.nn", "jax.numpy", "flax.linen.activation", "flax.nnx.nn.activations"].includes(ns)
  ) {
    return { kind: "function", member };
  }
  if (ns === "flax.linen" || ns === "flax.nnx") return { kind: "function", member };
  return null;
}

/** Classifies an expression by what it was imported as. */
export function flaxName(node: Node | null, imports: ImportTable): FlaxName {
  return classifyFlax(qualify(node, imports));
}

/** True for `nn.Module` (linen) and `nnx.Module`. */
export function isModuleBase(node: Node, imports: ImportTable): "linen" | "nnx" | null {
  const name = flaxName(node, imports);
  if (!name || name.member !== "Module") return null;
  return name.kind === "linen" ? "linen" : name.kind === "nnx" ? "nnx" : null;
}
