/**
 * The TF.js extractor's view of a program's state: what each name holds (a constant, an
 * unapplied layer, a symbolic tensor, a sequential model, a local function) in nested
 * scopes, plus the static loop counts and assignment targets the walker needs.
 */
import ts from "typescript";
import type { Range } from "../../model/types";
import type { GraphNode, LayerBody, SequentialModel } from "./graph";
import type { Shape } from "./layers";
import { evaluate, type Static } from "./values";

/** A layer as built for one input: its body, output shape and the input shape it saw. */
export interface BuiltLayer {
  body: LayerBody;
  outShape: Shape;
  configName?: string;
  inShape: Shape;
}

/** What a name or expression holds, as far as the extractor can tell. */
export type Value =
  | { kind: "const"; value: Static }
  | { kind: "expr"; expr: ts.Expression }
  | { kind: "layer"; call: ts.CallExpression; op: string }
  | { kind: "tensor"; node: GraphNode }
  | { kind: "list"; items: Value[] }
  | { kind: "sequential"; model: SequentialModel }
  | { kind: "function"; fn: LocalFunction; scope: Scope }
  | { kind: "unknown" };

export const unknown: Value = { kind: "unknown" };
export const maxUnroll = 64;

export class Scope {
  private readonly vars = new Map<string, Value>();
  constructor(readonly parent?: Scope) {}

  get(name: string): Value | undefined {
    return this.vars.get(name) ?? this.parent?.get(name);
  }

  declare(name: string, value: Value): void {
    this.vars.set(name, value);
  }

  /** Reassignment updates the binding where it was declared. */
  assign(name: string, value: Value): void {
    if (this.vars.has(name) || !this.parent) this.vars.set(name, value);
    else this.parent.assign(name, value);
  }
}

/** A function declared in the file whose body the walker can run with known arguments. */
export type LocalFunction = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction;

export function sameRange(a: Range, b: Range): boolean {
  const s = a.start.line === b.start.line && a.start.character === b.start.character;
  return s && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function line(sf: ts.SourceFile, node: ts.Node): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

/** The identifier a call's result is assigned to (`const model = tf.model(...)`). */
export function variableName(e: ts.Expression): ts.Identifier | undefined {
  let node: ts.Node = e;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) {
    node = node.parent;
  }
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name;
  const assigns = ts.isBinaryExpression(parent) && ts.isIdentifier(parent.left);
  return assigns ? (parent.left as ts.Identifier) : undefined;
}

export function loopVariable(node: ts.ForStatement) {
  const init = node.initializer;
  const decl = init && ts.isVariableDeclarationList(init) ? init.declarations[0] : undefined;
  if (!decl || !ts.isIdentifier(decl.name)) return undefined;
  const start = evaluate(decl.initializer, () => undefined);
  if (typeof start !== "number") return undefined;
  const name = decl.name.text;
  return { name, valueAt: (i: number): Value => ({ kind: "const", value: start + i }) };
}

/** The iteration count of `for (let i = a; i < b; i++)` with static bounds, else undefined. */
export function loopCount(node: ts.ForStatement, lookup: (name: string) => Static | undefined) {
  const variable = loopVariable(node);
  const cond = node.condition;
  const incr = node.incrementor;
  if (!variable || !cond || !incr || !ts.isBinaryExpression(cond)) return undefined;
  const steps =
    (ts.isPostfixUnaryExpression(incr) || ts.isPrefixUnaryExpression(incr)) &&
    incr.operator === ts.SyntaxKind.PlusPlusToken;
  if (!steps || !ts.isIdentifier(cond.left) || cond.left.text !== variable.name)
    return undefined;
  const bound = evaluate(cond.right, lookup);
  const start = (variable.valueAt(0) as { value: number }).value;
  if (typeof bound !== "number") return undefined;
  const op = cond.operatorToken.kind;
  if (op === ts.SyntaxKind.LessThanToken) return Math.max(0, Math.ceil(bound - start));
  if (op === ts.SyntaxKind.LessThanEqualsToken)
    return Math.max(0, Math.floor(bound - start) + 1);
  return undefined;
}
