/**
 * Resolves names to the modules they were imported from, so `nn.Linear` in a file with
 * `import torch.nn as nn` and `Linear` after `from torch.nn import Linear` both read as
 * `torch.nn.Linear`, while `nn.Dense` under `import flax.linen as nn` reads as `flax.linen.Dense`.
 */
import type { SyntaxNode as Node, SyntaxTree as Tree } from "./syntax-node";

/** Local name to fully qualified module path. */
export type ImportTable = Map<string, string>;

function dottedName(node: Node): string {
  return node.text.replace(/\s+/g, "");
}

function addImport(table: ImportTable, node: Node): void {
  // `import a.b.c` binds `a`; `import a.b as x` binds `x` to `a.b`.
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === "dotted_name") {
      const full = dottedName(child);
      const root = full.split(".")[0]!;
      if (!table.has(root)) table.set(root, root);
    } else if (child.type === "aliased_import") {
      const name = child.childForFieldName("name");
      const alias = child.childForFieldName("alias");
      if (name && alias) table.set(alias.text, dottedName(name));
    }
  }
}

function addFromImport(table: ImportTable, node: Node): void {
  const moduleNode = node.childForFieldName("module_name");
  if (!moduleNode || moduleNode.type === "relative_import") return;
  const from = dottedName(moduleNode);
  for (const child of node.childrenForFieldName("name")) {
    if (!child) continue;
    if (child.type === "dotted_name") {
      table.set(child.text, `${from}.${dottedName(child)}`);
    } else if (child.type === "aliased_import") {
      const name = child.childForFieldName("name");
      const alias = child.childForFieldName("alias");
      if (name && alias) table.set(alias.text, `${from}.${dottedName(name)}`);
    }
  }
}

/**
 * Collects every import in the file, at any depth (imports inside functions and `try`
 * blocks count), in source order, so a later import of the same name wins.
 */
export function collectImports(tree: Tree): ImportTable {
  const table: ImportTable = new Map();
  const nodes = tree.rootNode.descendantsOfType(["import_statement", "import_from_statement"]);
  for (const node of nodes) {
    if (!node) continue;
    if (node.type === "import_statement") addImport(table, node);
    else addFromImport(table, node);
  }
  return table;
}

/**
 * The fully qualified name of an identifier or attribute chain (`nn.init.xavier_uniform_`),
 * or `null` when its root was not imported (a local variable, `self`, a call result).
 */
export function qualify(node: Node | null, table: ImportTable): string | null {
  if (!node) return null;
  if (node.type === "identifier") return table.get(node.text) ?? null;
  if (node.type !== "attribute") return null;
  const object = node.childForFieldName("object");
  const attribute = node.childForFieldName("attribute");
  if (!attribute) return null;
  const base = qualify(object, table);
  return base === null ? null : `${base}.${attribute.text}`;
}

/** The modules a file imports from, as roots (`torch`, `tensorflow`, `keras`, `flax`, `jax`). */
export function importedRoots(table: ImportTable): Set<string> {
  return new Set([...table.values()].map((q) => q.split(".")[0]!));
}
