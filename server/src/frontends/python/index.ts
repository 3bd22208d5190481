/**
 * The Python front end: one tree-sitter parse shared by the PyTorch, Keras and Flax
 * extractors, chosen by what the file imports. A file that imports none of them yields an
 * empty description, not noise.
 */
import type { SyntaxNode as Node, SyntaxTree as Tree } from "./syntax-node";
import type { FileDescription, Framework, Range } from "../../model/types";
import type { Extractor, PythonContext } from "./context";
import { collectImports, importedRoots, type ImportTable } from "./imports";
import { parsePython } from "./parser";
import { extractPytorch } from "./pytorch";
import { extractKeras } from "./keras";
import { extractFlax } from "./flax";
import { collectTorchFacts } from "./facts";

const extractors: { framework: Framework; roots: string[]; run: Extractor }[] = [
  { framework: "pytorch", roots: ["torch"], run: extractPytorch },
  { framework: "keras", roots: ["keras", "tensorflow", "tf_keras"], run: extractKeras },
  { framework: "flax", roots: ["flax"], run: extractFlax },
];

/** The first hundred ERROR nodes of a tree, as ranges. */
export function syntaxErrors(tree: Tree): Range[] {
  if (!tree.rootNode.hasError) return [];
  return syntaxErrorsUnder(tree.rootNode, 0).slice(0, 100);
}

/** The ERROR nodes at or under `node`, in document order, lines counted from `fromLine`. */
export function syntaxErrorsUnder(node: Node, fromLine: number): Range[] {
  const errors = node.descendantsOfType("ERROR").filter((n) => n !== null);
  return errors.map((n) => ({
    start: { line: n.startPosition.row - fromLine, character: n.startPosition.column },
    end: { line: n.endPosition.row - fromLine, character: n.endPosition.column },
  }));
}

/** Describes a Python file; pass a tree already parsed (incrementally) for this text. */
export function describePython(input: {
  uri: string;
  text: string;
  tree?: Tree;
  language?: string;
  /** The import table to use instead of this tree's (a component reads the whole file's). */
  imports?: ImportTable;
}): FileDescription {
  const tree = input.tree ?? parsePython(input.text);
  const imports = input.imports ?? collectImports(tree);
  const roots = importedRoots(imports);
  const ctx: PythonContext = { tree, text: input.text, uri: input.uri, imports };
  const file: FileDescription = {
    uri: input.uri,
    language: input.language ?? "python",
    frameworks: [],
    models: [],
    initCalls: [],
    gainCalls: [],
    facts: {},
    notes: [],
    syntaxErrors: syntaxErrors(tree),
  };

  for (const extractor of extractors) {
    if (!extractor.roots.some((r) => roots.has(r))) continue;
    try {
      const part = extractor.run(ctx);
      file.frameworks.push(extractor.framework);
      file.models.push(...part.models);
      file.initCalls.push(...part.initCalls);
      file.gainCalls.push(...part.gainCalls);
      Object.assign(file.facts, part.facts ?? {});
      if (extractor.framework === "pytorch") file.facts.torch = collectTorchFacts(ctx);
      file.notes.push(...(part.notes ?? []));
    } catch (err) {
      // One extractor failing on odd text must not take the others down with it.
      file.notes.push(`${extractor.framework}: extraction failed: ${String(err)}`);
    }
  }
  return file;
}
