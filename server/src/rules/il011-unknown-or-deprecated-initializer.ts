/**
 * IL011 unknown-or-deprecated-initializer: initializer names a framework does not know
 * (Keras `'he_normall'`, TF.js `'he_normal'`, which is Keras spelling), deprecated spellings
 * (`nn.init.xavier_uniform` without the underscore, Keras 1's `init=`), and an initializer
 * keyword given to `model.add()` instead of the layer. Unknown names raise when the model is
 * built (an error); deprecated ones still run (a warning) and get a safe rename.
 */
import type { Framework, InitCall } from "../model/types";
import { isValidInitializerName } from "../knowledge/identifiers";
import { textOf } from "../fixes/text";
import type { Finding, Fix, Rule, RuleContext, TextEdit } from "./types";

const frameworkNames: Record<Framework, string> = {
  pytorch: "PyTorch",
  keras: "Keras",
  tfjs: "TF.js",
  flax: "Flax",
};

const quotes = ["'", '"', "`"];

/** Renames what `calleeRange` spells: a string literal's content or a dotted name's tail. */
function renameEdit(text: string, call: InitCall, name: string): TextEdit {
  const current = textOf(text, call.calleeRange);
  const q = current[0] ?? "";
  if (quotes.includes(q) && current.endsWith(q)) {
    return { range: call.calleeRange, newText: `${q}${name}${q}` };
  }
  const dot = current.lastIndexOf(".");
  return { range: call.calleeRange, newText: `${current.slice(0, dot + 1)}${name}` };
}

function tail(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1);
}

function fold(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, "");
}

function bare(spelled: string): string {
  return tail(spelled.replace(/^['"`]|['"`]$/g, "").replace(/\(.*$/s, ""));
}

function deprecated(ctx: RuleContext, call: InitCall): Finding {
  const replacement = tail(call.deprecatedFor!);
  const fix: Fix = {
    title: `Rename to ${replacement}`,
    safe: true,
    preferred: true,
    edits: [renameEdit(ctx.text, call, replacement)],
  };
  return {
    code: "IL011",
    severity: "warning",
    message:
      `${call.spelled} is deprecated in ${frameworkNames[call.framework]}; ` +
      `use ${replacement}`,
    range: call.calleeRange,
    fixes: [fix],
  };
}

function unknown(ctx: RuleContext, call: InitCall): Finding {
  const name = bare(call.spelled);
  // Never write a name the framework would reject, whatever the front end suggested.
  const suggestions = (call.unknownSuggestions ?? []).filter((s) =>
    isValidInitializerName(call.framework, tail(s)),
  );
  const first = suggestions[0];
  const sameLetters = first !== undefined && fold(tail(first)) === fold(name);
  const fixes: Fix[] = suggestions.slice(0, 3).map((s, i) => ({
    title: `Change to ${tail(s)}`,
    safe: sameLetters && i === 0,
    preferred: i === 0 && (sameLetters || suggestions.length === 1),
    edits: [renameEdit(ctx.text, call, tail(s))],
  }));
  const fw = frameworkNames[call.framework];
  const hint = first
    ? sameLetters && call.framework === "tfjs"
      ? `; TF.js spells it ${tail(first)}`
      : `; did you mean ${tail(first)}?`
    : "";
  return {
    code: "IL011",
    severity: "error",
    message: `${name} is not a ${fw} initializer, so building the model fails${hint}`,
    range: call.calleeRange,
    fixes,
  };
}

function misplaced(ctx: RuleContext, call: InitCall): Finding {
  const keyword = textOf(ctx.text, call.calleeRange);
  return {
    code: "IL011",
    severity: "warning",
    message:
      `${keyword} passed to model.add() does not reach the layer, which keeps its default; ` +
      "pass it to the layer's constructor",
    range: call.range,
    fixes: [],
  };
}

function check(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const call of ctx.file.initCalls) {
    if (call.misplaced) findings.push(misplaced(ctx, call));
    else if (call.deprecatedFor) findings.push(deprecated(ctx, call));
    else if (call.family === "unknown" && call.unknownSuggestions)
      findings.push(unknown(ctx, call));
  }
  return findings;
}

/** IL011: initializer names the framework does not know, or deprecated spellings. */
export const unknownOrDeprecatedInitializer: Rule = {
  meta: {
    code: "IL011",
    name: "unknown-or-deprecated-initializer",
    summary: "An initializer name the framework does not know, or a deprecated spelling.",
    defaultSeverity: "error",
    frameworks: ["pytorch", "keras", "tfjs", "flax"],
    fixable: true,
  },
  check,
};
