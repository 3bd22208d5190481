/**
 * Reads init calls: `nn.init.*` / `torch.nn.init.*` / `init.*` calls and in-place tensor
 * methods become Initializers (family plus normalised arguments), and every `nn.init` call
 * and `calculate_gain` call in the file becomes an InitCall / GainCall fact.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type {
  GainCall,
  InitArgs,
  InitCall,
  Initializer,
  InitOrigin,
  Range,
} from "../../../model/types";
import { type CallInfo, type EvalEnv, evaluate } from "./evaluate";
import {
  type InitSignature,
  deprecatedInits,
  initFunctions,
  isInitHelper,
  suggestInits,
} from "./init-names";
import { callArgs, calleeText, named, statementOf, toRange, field } from "./syntax";
import { type Value, asNumber, isUnknown } from "./values";

/** An init as read from a call, before it is bound to a parameter. */
export interface InitRead {
  family: Initializer["family"];
  args: InitArgs;
  deprecatedFor?: string;
  unknownSuggestions?: string[];
}

/** Maps one argument value onto InitArgs; false when the value is not usable. */
function setArg(args: InitArgs, key: keyof InitArgs, v: Value): boolean {
  if (key === "mode" || key === "nonlinearity") {
    if (typeof v !== "string") return false;
    if (key === "mode") {
      if (v !== "fan_in" && v !== "fan_out") return false;
      args.mode = v;
    } else {
      args.nonlinearity = v;
    }
    return true;
  }
  const n = asNumber(v);
  if (n === null || typeof v === "boolean") return false;
  (args as Record<string, number>)[key] = n;
  return true;
}

/** Normalises a call's arguments (after the tensor at `offset`) by the signature. */
export function readArgs(sig: InitSignature, info: CallInfo, offset: number): InitArgs {
  const args: InitArgs = {};
  const unresolved: string[] = [];
  sig.args.forEach(([keyword, key], i) => {
    const v = info.kwargs.has(keyword) ? info.kwargs.get(keyword) : info.args[offset + i];
    if (v === undefined || key === null) return;
    if (isUnknown(v) || !setArg(args, key, v)) unresolved.push(key);
  });
  if (unresolved.length > 0) args.unresolved = unresolved;
  return args;
}

/** Reads an `nn.init.<name>` call. */
export function readInitCall(name: string, info: CallInfo): InitRead {
  const deprecatedFor = deprecatedInits[name];
  const sig = initFunctions[deprecatedFor ?? name];
  if (!sig) return { family: "unknown", args: {}, unknownSuggestions: suggestInits(name) };
  const read: InitRead = { family: sig.family, args: readArgs(sig, info, 1) };
  if (deprecatedFor) read.deprecatedFor = deprecatedFor;
  return read;
}

/** The statement around a call, as whole lines, for fixes that rewrite or remove it. */
export function statementLines(node: Node): Range {
  const statement = statementOf(node);
  return {
    start: { line: statement.startPosition.row, character: 0 },
    end: { line: statement.endPosition.row + 1, character: 0 },
  };
}

/** An Initializer from a read init at a call. */
export function initializerAt(read: InitRead, node: Node, origin: InitOrigin): Initializer {
  return {
    family: read.family,
    framework: "pytorch",
    args: read.args,
    origin,
    spelled: calleeText(node),
    range: toRange(node),
    statementRange: statementLines(node),
  };
}

/** The `nn.init` function name a qualified callee names, or null. */
export function initName(qualified: string | null): string | null {
  const prefix = "torch.nn.init.";
  if (!qualified?.startsWith(prefix)) return null;
  const name = qualified.slice(prefix.length);
  return name.includes(".") || isInitHelper(name) ? null : name;
}

/** True when `p` is the loop variable of an enclosing `for ... in X.parameters()` with no `if`. */
function unguardedParameterLoop(call: Node, target: Node): boolean {
  if (target.type !== "identifier") return false;
  for (let node = call.parent, depth = 0; node && depth < 50; node = node.parent, depth++) {
    if (node.type === "if_statement" || node.type === "conditional_expression") return false;
    if (node.type === "function_definition" || node.type === "class_definition") return false;
    if (node.type !== "for_statement") continue;
    const left = field(node, "left");
    const right = field(node, "right");
    const method = right?.type === "call" ? field(right, "function") : null;
    const name = method?.type === "attribute" ? field(method, "attribute")?.text : "";
    if (name === "parameters" && left?.text === target.text) return true;
    return false;
  }
  return false;
}

/** The InitCall fact of one `nn.init` call, arguments evaluated in `env` unless already read. */
export function initCallFact(
  node: Node,
  name: string,
  env: EvalEnv,
  seen?: InitRead,
): InitCall {
  // Arguments read where the call ran (locals of its method) beat a module-level reading.
  const read = seen ?? readInitCall(name, evaluateCall(node, env));
  const target = callArgs(node).positional[0] ?? callArgs(node).keywords.get("tensor");
  const targetText = target?.text.replace(/\s+/g, "") ?? "";
  const callee = field(node, "function") ?? node;
  const fact: InitCall = {
    family: read.family,
    framework: "pytorch",
    spelled: calleeText(node),
    args: read.args,
    range: toRange(node),
    calleeRange: toRange(callee),
    target: targetText,
  };
  if (/\.bias(\.data)?$/.test(targetText) || targetText === "bias") fact.targetIs1d = "bias";
  else if (target && unguardedParameterLoop(node, target)) {
    fact.targetIs1d = "unguarded-parameter-loop";
  }
  if (read.deprecatedFor) fact.deprecatedFor = read.deprecatedFor;
  if (read.unknownSuggestions) fact.unknownSuggestions = read.unknownSuggestions;
  return fact;
}

/** Evaluates a call's arguments without running the call. */
export function evaluateCall(node: Node, env: EvalEnv): CallInfo {
  const { positional, keywords } = callArgs(node);
  const info: CallInfo = {
    node,
    callee: null,
    args: [],
    kwargs: new Map(),
    complete: true,
    env,
  };
  for (const arg of positional) {
    if (arg.type === "list_splat") info.complete = false;
    else info.args.push(evaluate(arg, env));
  }
  for (const [key, value] of keywords) info.kwargs.set(key, evaluate(value, env));
  return info;
}

/** The GainCall fact of a `calculate_gain(...)` call. */
export function gainCallFact(node: Node, env: EvalEnv): GainCall | null {
  const { positional, keywords } = callArgs(node);
  const nameNode = positional[0] ?? keywords.get("nonlinearity");
  if (!nameNode) return null;
  const name = evaluate(nameNode, env);
  const paramNode = positional[1] ?? keywords.get("param");
  const param = paramNode ? asNumber(evaluate(paramNode, env)) : null;
  const fact: GainCall = {
    nonlinearity: typeof name === "string" ? name : nameNode.text,
    range: toRange(node),
    argRange: toRange(nameNode),
  };
  if (param !== null) fact.param = param;
  return fact;
}

/** The calculate_gain call nodes inside an init call's arguments. */
export function gainNodesIn(call: Node): Node[] {
  const out: Node[] = [];
  const list = field(call, "arguments");
  const stack = list ? [...named(list)] : [];
  while (stack.length > 0 && out.length < 8) {
    const node = stack.pop()!;
    if (node.type === "call" && calleeText(node).endsWith("calculate_gain")) out.push(node);
    else stack.push(...named(node));
  }
  return out;
}
