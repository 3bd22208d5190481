/**
 * PyTorch edit builders: rewrite an `nn.init.*_` call, add an init line after a layer left on
 * its default, rename a deprecated spelling. Names come from the file's own imports so the
 * result runs (`nn.init.` after `import torch.nn as nn`, `init.` after `from torch.nn import
 * init`, `torch.nn.init.` after `import torch`); only gain names PyTorch accepts are written.
 */
import { collectImports } from "../frontends/python/imports";
import { parsePython, pythonReady } from "../frontends/python/parser";
import type { Node, Tree } from "web-tree-sitter";
import type { Activation, FileDescription, InitCall, Range } from "../model/types";
import type { Fix } from "../rules/types";
import { negativeSlope } from "../knowledge/activations";
import type { InitFixRequest } from "./types";
import { quoted, textOf } from "./text";

let cached: { text: string; tree: Tree } | undefined;

function treeOf(text: string): Tree | null {
  if (!pythonReady()) return null;
  if (cached?.text !== text) cached = { text, tree: parsePython(text) };
  return cached.tree;
}

/**
 * The tensor an init call initialises, as written (`self.fc.weight`, `p`): the front end's
 * `target`, or else the call's first positional argument read from the syntax tree.
 */
export function initTarget(text: string, call: InitCall): string | null {
  if (call.target) return call.target;
  const tree = treeOf(text);
  if (!tree) return null;
  const at = { row: call.range.start.line, column: call.range.start.character };
  let node: Node | null = tree.rootNode.descendantForPosition(at);
  while (node && node.type !== "call") node = node.parent;
  const first = node?.childForFieldName("arguments")?.namedChildren[0];
  if (!first || first.type === "keyword_argument" || first.type === "comment") return null;
  return first.text;
}

/** Where to find the module that holds `torch.nn.init`'s functions, from the import table. */
function importedInitPrefix(text: string): string | null {
  if (!pythonReady()) return null;
  const tree = treeOf(text);
  if (!tree) return null;
  const table = collectImports(tree);
  const byTarget = new Map<string, string>();
  for (const [local, qualified] of table) {
    if (!byTarget.has(qualified)) byTarget.set(qualified, local);
  }
  const nn = byTarget.get("torch.nn");
  if (nn) return `${nn}.init.`;
  const init = byTarget.get("torch.nn.init");
  if (init) return `${init}.`;
  const torch = byTarget.get("torch");
  return torch ? `${torch}.nn.init.` : null;
}

/**
 * The prefix an added init call needs in this file: the front end's `nnAlias` fact when
 * present, else the file's imports; `null` when no import makes `torch.nn.init` reachable.
 */
export function torchInitPrefix(text: string, file: FileDescription): string | null {
  const facts = file.facts["pytorch"] as { nnAlias?: unknown } | undefined;
  if (facts && typeof facts.nnAlias === "string" && facts.nnAlias.length > 0) {
    return `${facts.nnAlias}.init.`;
  }
  return importedInitPrefix(text);
}

function arguments_(req: InitFixRequest, prefix: string, target: string): string {
  const text = req.text;
  if (req.scheme === "lecun") {
    // PyTorch's docs: for SELU use nonlinearity="linear", which gives Var(W) = 1 / fan_in.
    return `${target}, nonlinearity=${quoted(text, "linear")}`;
  }
  if (req.scheme === "glorot") {
    if (req.activation.name !== "tanh") return target;
    return `${target}, gain=${prefix}calculate_gain(${quoted(text, "tanh")})`;
  }
  return kaimingArguments(text, target, req.activation);
}

function kaimingArguments(text: string, target: string, act: Activation): string {
  if (act.name === "leaky_relu" || act.name === "prelu") {
    return `${target}, a=${negativeSlope(act)}, nonlinearity=${quoted(text, "leaky_relu")}`;
  }
  return `${target}, nonlinearity=${quoted(text, "relu")}`;
}

function functionName(req: InitFixRequest, uniform: boolean): string {
  const base = req.scheme === "glorot" ? "xavier" : "kaiming";
  return `${base}_${uniform ? "uniform" : "normal"}_`;
}

function title(call: string): string {
  return `Initialise with ${call.replace(/\(.*/s, "")}(...) for the activation that follows`;
}

function findInitCall(file: FileDescription, range: Range | undefined): InitCall | undefined {
  if (!range) return undefined;
  return file.initCalls.find(
    (c) =>
      c.framework === "pytorch" &&
      c.range.start.line === range.start.line &&
      c.range.start.character === range.start.character,
  );
}

function rewriteCall(req: InitFixRequest): Fix | null {
  const call = findInitCall(req.file, req.init.range);
  if (!call || !req.init.range) return null;
  const target = initTarget(req.text, call);
  if (!target) return null;
  const callee = textOf(req.text, call.calleeRange);
  const dot = callee.lastIndexOf(".");
  const prefix = dot >= 0 ? callee.slice(0, dot + 1) : "";
  // A bare `xavier_uniform_` imported by name has no module prefix to reuse for calculate_gain.
  const gainPrefix = prefix || torchInitPrefix(req.text, req.file);
  if (gainPrefix === null && req.scheme === "glorot" && req.activation.name === "tanh")
    return null;
  const uniform = req.init.family.endsWith("uniform") && req.init.family !== "torch_default";
  const name = functionName(req, uniform);
  if (!prefix && !isImportedByName(req.text, name)) return null;
  const newText = `${prefix}${name}(${arguments_(req, gainPrefix ?? "", target)})`;
  return { title: title(newText), safe: false, edits: [{ range: req.init.range, newText }] };
}

function isImportedByName(text: string, name: string): boolean {
  const tree = treeOf(text);
  return tree !== null && collectImports(tree).get(name) === `torch.nn.init.${name}`;
}

function insertLine(req: InitFixRequest): Fix | null {
  const at = req.layer.insertInitAt;
  const access = req.layer.accessPath;
  if (!at || !access) return null;
  const prefix = torchInitPrefix(req.text, req.file);
  if (prefix === null) return null;
  const name = functionName(req, false);
  const call = `${prefix}${name}(${arguments_(req, prefix, `${access}.weight`)})`;
  return {
    title: title(call),
    safe: false,
    edits: [
      { range: { start: at.position, end: at.position }, newText: `${at.indent}${call}\n` },
    ],
  };
}

/** A fix switching the layer's weight init to the requested scheme, or `null`. */
export function pytorchInitFix(req: InitFixRequest): Fix | null {
  switch (req.init.origin) {
    case "call":
      return rewriteCall(req);
    case "apply":
    case "loop":
      return req.dispatchSpecific ? rewriteCall(req) : null;
    case "default":
      return insertLine(req);
    default:
      return null;
  }
}
