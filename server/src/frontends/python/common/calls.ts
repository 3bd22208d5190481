/**
 * Reads call expressions: callee, positional and keyword arguments, and the CallSite that edit
 * builders need to add or replace a keyword while keeping the rest of the call as written.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { CallSite } from "../../../model/types";
import { endOf, rangeOf, shifted, startOf } from "./ranges";

/** One `name=value` argument. */
export interface KeywordArg {
  /** The whole `name=value`. */
  node: Node;
  name: Node;
  value: Node;
}

/** A call's parts as syntax nodes. */
export interface CallParts {
  call: Node;
  callee: Node;
  positional: Node[];
  keywords: Map<string, KeywordArg>;
  /** True when the call spreads `*args` or `**kwargs`, so absent arguments may still be set. */
  hasSplat: boolean;
  site: CallSite;
}

/** The parts of a `call` node, or null for anything else (a generator call counts as opaque). */
export function readCall(node: Node | null): CallParts | null {
  if (!node || node.type !== "call") return null;
  const callee = node.childForFieldName("function");
  const args = node.childForFieldName("arguments");
  if (!callee || !args || args.type !== "argument_list") return null;

  const positional: Node[] = [];
  const keywords = new Map<string, KeywordArg>();
  let hasSplat = false;
  for (const child of args.namedChildren) {
    if (!child || child.type === "comment") continue;
    if (child.type === "keyword_argument") {
      const name = child.childForFieldName("name");
      const value = child.childForFieldName("value");
      if (name && value) keywords.set(name.text, { node: child, name, value });
    } else if (child.type === "list_splat" || child.type === "dictionary_splat") {
      hasSplat = true;
    } else {
      positional.push(child);
    }
  }

  const site: CallSite = {
    range: rangeOf(node),
    // Parentheses are single characters, so the inside starts one after `(` and ends at `)`.
    argsRange: { start: shifted(startOf(args), 1), end: shifted(endOf(args), -1) },
    keywords: {},
  };
  for (const [name, kw] of keywords) {
    site.keywords[name] = { range: rangeOf(kw.node), valueRange: rangeOf(kw.value) };
  }
  return { call: node, callee, positional, keywords, hasSplat, site };
}

/** The argument given by keyword or at a position, keyword first. */
export function argument(parts: CallParts, name: string, index?: number): Node | null {
  const kw = parts.keywords.get(name);
  if (kw) return kw.value;
  if (index === undefined) return null;
  return parts.positional[index] ?? null;
}
