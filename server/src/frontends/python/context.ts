/**
 * What every Python framework extractor receives: one parsed tree, the text, and the file's
 * import table. Extractors return the parts of a FileDescription they found.
 */
import type { SyntaxTree as Tree } from "./syntax-node";
import type { FileDescription } from "../../model/types";
import type { ImportTable } from "./imports";

/** Input shared by the PyTorch, Keras and Flax extractors. */
export interface PythonContext {
  tree: Tree;
  text: string;
  uri: string;
  imports: ImportTable;
}

/** The part of a file description one extractor contributes; merged by python/index.ts. */
export type Extraction = Pick<FileDescription, "models" | "initCalls" | "gainCalls"> & {
  facts?: Record<string, unknown>;
  notes?: string[];
};

/** Signature every Python framework extractor implements. */
export type Extractor = (ctx: PythonContext) => Extraction;
