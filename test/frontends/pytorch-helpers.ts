/**
 * Shared helpers for the PyTorch front-end tests: describe a fixture or a snippet, find a
 * model or layer by id, and a compact, readable summary of a layer stack.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describePython } from "../../server/src/frontends/python/index";
import type { FileDescription, Layer, Model } from "../../server/src/model/types";

const fixtures = path.join(__dirname, "..", "..", "test-fixtures", "pytorch");

/** The description of a fixture under test-fixtures/pytorch/. */
export function describeFixture(name: string): FileDescription {
  const file = path.join(fixtures, name);
  return describePython({ uri: `file://${file}`, text: fs.readFileSync(file, "utf8") });
}

/**
 * Where `needle` first occurs in a fixture (0-based, as in LSP), so assertions on ranges
 * survive marker lines added above them.
 */
export function locate(name: string, needle: string): { line: number; character: number } {
  const lines = fs.readFileSync(path.join(fixtures, name), "utf8").split("\n");
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`${needle} not in ${name}`);
  return { line, character: lines[line]!.indexOf(needle) };
}

/** The description of an inline source text. */
export function describeText(text: string): FileDescription {
  return describePython({ uri: "file:///snippet.py", text });
}

/** A model by id; fails the test when it is missing. */
export function model(file: FileDescription, id: string): Model {
  const found = file.models.find((m) => m.id === id);
  if (!found)
    throw new Error(`no model ${id}; have ${file.models.map((m) => m.id).join(", ")}`);
  return found;
}

/** A layer by id; fails the test when it is missing. */
export function layer(m: Model, id: string): Layer {
  const found = m.layers.find((l) => l.id === id);
  if (!found)
    throw new Error(`no layer ${id} in ${m.id}; have ${m.layers.map((l) => l.id).join(", ")}`);
  return found;
}

/** `id:kind` per layer, activations as `id:relu`, for order assertions. */
export function stack(m: Model): string[] {
  return m.layers.map((l) => `${l.id}:${l.activation?.name ?? l.kind}`);
}

/** `family/origin` of a parameter's initializer. */
export function initOf(l: Layer, param = "weight"): string {
  const p = l.params.find((x) => x.name === param);
  if (!p) throw new Error(`no param ${param} on ${l.id}`);
  return `${p.init.family}/${p.init.origin}`;
}
